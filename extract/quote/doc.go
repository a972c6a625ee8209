// Package quote finds what people said in a news article and who said it:
// direct quotes between quote marks (straight, curly, guillemets and low-9
// marks; across sentences, and across paragraphs when a paragraph leaves a
// quote open and the next one reopens it), quotes inside quotes, partial
// quotes inside a sentence, reported speech ("X said that …", "according
// to X, …", "X accused Y of …") and embedded social-media posts.
//
// Each quote is attributed to a speaker mention — a name, a pronoun ("she
// said") or a role or organization back-reference ("the ministry's
// spokeswoman added", "the embassy said") — which is resolved to the person
// or organization it refers to within the article. The extractor uses the
// entity mentions it is given and falls back on its own rules (capitalized
// name sequences with titles stripped, role nouns, organization nouns,
// pronouns) so that it still works when those mentions are sparse.
//
// The rules are written for English news prose. Everything here is a pure
// function of its inputs, safe for concurrent use, and never panics on bad
// input.
package quote
