// Package parallax holds Parallax's domain model: articles and the spans
// inside them, the mentions extractors find (times, quantities, entities,
// quotes), events that group the reports of one real-world happening, and
// the Store interface that persists them.
//
// The package imports only the standard library. Adapters (sqlite, postgres,
// web) import it, never each other; cmd/parallax wires them together.
//
// Data flows ingest → extract → cluster → dossier → store; each stage is a
// pure function of its inputs so that it can be tested with golden files and
// used as a library.
package parallax
