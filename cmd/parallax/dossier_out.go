package main

import "io"

// writeDossier prints an event's dossier in the given format.
func writeDossier(w io.Writer, r *eventReport, format string) {}
