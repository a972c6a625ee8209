// Package extract turns raw article text into clean, segmented text:
// valid UTF-8 in NFC with normalized whitespace and the original quotes and
// dashes kept (Clean), paragraphs and sentences as byte spans (Segment),
// and the language (Language). Its subpackages extract times (timex),
// quantities (quantity), entities (entity) and quotes (quote).
//
// Everything here is a pure function of its input, safe for concurrent use.
package extract
