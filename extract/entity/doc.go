// Package entity finds the people, organizations and places a news text
// names, and gives each mention a canonical identity that is stable across
// documents, so that "Polyanskiy", "Polyansky" and "Dmitry Polyanskiy" are
// compared as one man.
//
// Mentions come from three sources combined in Extract: a statistical
// sequence tagger (an averaged structured perceptron trained on openly
// licensed corpora and embedded in the binary, see NOTICE), gazetteers
// (countries and demonyms, GeoNames cities, international organizations,
// ministries, armed forces and news agencies; company names as a tagger
// feature only) and title patterns that split
// "Russian Deputy Envoy to the UN Dmitry Polyanskiy" into a person with a
// role and an affiliation. A Resolver merges variants across the articles of
// an event.
//
// Everything here is a pure function of its input and safe for concurrent
// use; the model and gazetteers load once, lazily, on first use.
package entity
