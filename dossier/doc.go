// Package dossier compares the reports of one event: which outlets covered
// it and which copied whom, the claims they share and those only one
// carries, how their figures compare, who said what in which outlet, who
// disputes whose claim, what happened when, and which words each outlet
// chose. Every finding carries parallax.Evidence back to the sentences it
// came from.
//
// Build makes a dossier from an event's articles in one call; a Builder
// keeps one up to date as articles arrive (Add, then Dossier). Both are
// pure: no store, no clock, no logging, and the same articles give the
// same dossier whatever order they come in to Build. Options carry what
// lies outside the event: the store-wide term statistics (Background) that
// weigh words for claim alignment and serve as the prior of the framing
// comparison, candidate related events, and earlier articles that may
// reveal a recycled story.
//
// The rules are deliberately conservative — an analyst reads the output
// as findings, so a doubtful conflict, dispute or agreement is left out
// rather than shown. docs/dossier.md explains each rule and the cases it
// was measured on.
package dossier
