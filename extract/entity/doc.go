// Package entity finds the people, organizations and places a news text
// names, and gives each mention a canonical identity that is stable across
// documents, so that "Polyanskiy", "Polyansky" and "Dmitry Polyanskiy" are
// compared as one man.
//
// Mentions come from three sources combined in Extract: a statistical
// sequence tagger (an averaged structured perceptron trained on openly
// licensed corpora and embedded in the binary, see NOTICE), gazetteers
// (countries and demonyms, GeoNames cities, international organizations,
// ministries, armed forces and news agencies; company names and the 8,400
// given names package quote shares, extract/internal/names, as tagger
// features only; well-known organizations of world news — central banks,
// parliaments, parties, agencies, clubs, large companies, newspapers,
// bands — as names only, not as tagger features, and not where they are
// one word of a longer name), rules over the shapes of names the tagger
// reads badly (military formations, armed services, streets and roads,
// institutions, ships, names cut at "of" or "and"; shapes.go, units.go)
// and title patterns that split
// "Russian Deputy Envoy to the UN Dmitry Polyanskiy" into a person with a
// role and an affiliation. Rules over the structure of newswire lines
// (headline slugs, results and standings tables, "Team 2 Team 1" scores)
// type the teams of sports pages, which the tagger's prose reads badly. A
// Resolver merges variants across the articles of
// an event. The model also keeps the words its training text writes in
// lower case: a capitalized word outside them is likely a name even where
// case says nothing (first in a sentence, in a headline in capitals), and a
// given name among them ("Will", "Mark", "Grant") has a word class of its
// own, apart from the other given names.
//
// Everything here is a pure function of its input and safe for concurrent
// use; the model and gazetteers load once, lazily, on first use. The
// GeoNames places are an embedded table whose keys the generator
// normalized (see internal/places), so loading them costs a few
// allocations, not several per place.
//
// # Measuring quality
//
// The shipped model is trained on every corpus, so a corpus is scored
// with a model trained without it (make model trains with all):
//
//	go run ./extract/entity/internal/train -data ../shared/data -exclude meantime -o nomt.bin.gz
//	parallax eval ner -lenient -model nomt.bin.gz ../shared/data/meantime/intra_cross-doc_annotation
//	go run ./extract/entity/internal/train -data ../shared/data -exclude wikigold -o nowg.bin.gz
//	parallax eval ner -model nowg.bin.gz ../shared/data/ner/wikigold/wikigold.conll.txt
//	parallax eval ner -lenient -docs 1 ../shared/data/ner/btc/btc.test
//
// The closest test here to CoNLL-2003 is testdata/entity/ecbnews: ECB+
// news articles annotated in full for names; b.conll is scored with a
// model trained without it:
//
//	go run ./extract/entity/internal/train -data ../shared/data -news testdata/entity/ecbnews/a.conll,testdata/entity/ecbnews/c.conll,testdata/entity/ecbnews/d.conll -holdout testdata/entity/ecbnews/b.conll -o no-b.bin.gz
//	parallax eval ner -model no-b.bin.gz testdata/entity/ecbnews/b.conll
//
// A training shuffles its sentences with a fixed seed; other seeds
// (-seed 2, -seed 3) move these scores by up to 0.01, so compare changes
// by the mean of a few seeds.
//
// MEANTIME gold names are the name cores of its NAM mentions (see
// eval.NameCore) and spans must match exactly. MEANTIME annotates only the
// entities of its events, so -lenient leaves out of precision the
// predictions that touch no gold name and are no annotated mention;
// without it every other name found counts as an error, and F1 falls to
// about 0.53 at the same recall. wikigold is scored exactly (MISC
// ignored), the reading of CoNLL-2003.
package entity
