package main

import (
	"encoding/json"
	"fmt"
	"io"

	"github.com/parallax-news/parallax"
	"github.com/parallax-news/parallax/dossier"
)

// writeDossier prints an event's dossier in the given format.
func writeDossier(w io.Writer, r *eventReport, format string) {
	if len(r.Dossier) == 0 {
		fmt.Fprintln(w, "  (no dossier yet)")
		return
	}
	var d parallax.Dossier
	if err := json.Unmarshal(r.Dossier, &d); err != nil {
		fmt.Fprintf(w, "  (dossier unreadable: %v)\n", err)
		return
	}
	var err error
	if format == "markdown" {
		err = dossier.WriteMarkdown(w, &d)
	} else {
		fmt.Fprintln(w)
		err = dossier.WriteText(w, &d)
	}
	if err != nil {
		fmt.Fprintf(w, "  (dossier incomplete: %v)\n", err)
	}
}
