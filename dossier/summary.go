package dossier

import (
	"fmt"
	"slices"
	"strings"

	"github.com/parallax-news/parallax"
)

// Summary returns what an event list shows of a dossier: the number of
// conflicting figures (Event.Conflicts) and up to three key figures
// (Event.Summary), human tolls first — "16 killed (Iraq)" for a figure the
// outlets agree on, "injured: 25 vs 36 (Iraq)" for one they dispute.
func Summary(d *parallax.Dossier) (conflicts int, lines []string) {
	if d == nil {
		return 0, nil
	}
	figs := slices.Clone(d.Figures)
	slices.SortStableFunc(figs, func(x, y parallax.FigureComparison) int { return roleOrder(x.Role) - roleOrder(y.Role) })
	for _, f := range figs {
		if f.Status == parallax.FigureConflicting {
			conflicts++
		}
	}
	for _, f := range figs {
		if len(lines) == 3 {
			break
		}
		if f.Status == parallax.FigureSingle {
			continue
		}
		if f.Status == parallax.FigureConflicting && len(f.Conflicts) > 0 {
			c := f.Conflicts[0]
			where := ""
			if s := firstScope(c.A.Scope, c.B.Scope); s != "" {
				where = " (" + s + ")"
			}
			lines = append(lines, fmt.Sprintf("%s: %s vs %s%s", f.Role, describe(c.A), describe(c.B), where))
			continue
		}
		// The figure most outlets give.
		best, bestN, scope := parallax.Figure{}, 0, ""
		for _, sc := range f.Scopes {
			counts := map[float64]map[string]bool{}
			for _, fg := range sc.Figures {
				if counts[fg.Value] == nil {
					counts[fg.Value] = map[string]bool{}
				}
				counts[fg.Value][fg.Evidence.Outlet] = true
				if n := len(counts[fg.Value]); n > bestN || n == bestN && fg.Value < best.Value {
					best, bestN, scope = fg, n, sc.Scope
				}
			}
		}
		if bestN < 2 {
			continue
		}
		line := describe(best) + " " + f.Role
		if scope != "" {
			line += " (" + scope + ")"
		}
		lines = append(lines, line)
	}
	return conflicts, lines
}

func firstScope(scopes ...string) string {
	for _, s := range scopes {
		if s = strings.TrimSpace(s); s != "" {
			return s
		}
	}
	return ""
}
