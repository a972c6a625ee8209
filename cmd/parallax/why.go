package main

import (
	"context"
	"encoding/json"
	"fmt"
	"path/filepath"

	"github.com/parallax-news/parallax"
	"github.com/parallax-news/parallax/cluster"
)

// explainMembership prints why an article belongs to the event, or, when it
// belongs to another, where it went and why it did not join this one.
func explainMembership(ctx context.Context, env *Env, st parallax.Store, r *eventReport, article string, asJSON bool) error {
	a, err := st.Article(ctx, article)
	if parallax.ErrorCode(err) == parallax.ENOTFOUND {
		// Accept the input path or file name of one of the event's articles.
		for _, m := range r.articles {
			if m.Input == article || filepath.Base(m.Input) == article {
				a, err = m, nil
				break
			}
		}
	}
	if err != nil {
		if parallax.ErrorCode(err) == parallax.ENOTFOUND {
			return fmt.Errorf("no article %q in the store", article)
		}
		return err
	}
	if a.EventID == "" {
		return fmt.Errorf("article %s has not been clustered yet (run 'parallax recluster')", a.ID)
	}
	ms, err := st.Memberships(ctx, a.EventID)
	if err != nil {
		return err
	}
	var why cluster.Explanation
	found := false
	for _, m := range ms {
		if m.ArticleID == a.ID && len(m.Why) > 0 {
			if err := json.Unmarshal(m.Why, &why); err != nil {
				return fmt.Errorf("read explanation of %s: %w", a.ID, err)
			}
			found = true
		}
	}
	if !found {
		return fmt.Errorf("no explanation stored for article %s", a.ID)
	}
	if asJSON {
		enc := json.NewEncoder(env.Stdout)
		enc.SetIndent("", "  ")
		return enc.Encode(struct {
			Event     string               `json:"event"`
			Article   string               `json:"article"`
			Member    bool                 `json:"member"`
			Explained *cluster.Explanation `json:"explanation"`
		}{r.Event.ID, a.ID, a.EventID == r.Event.ID, &why})
	}
	title := oneLine(a.Title)
	if a.EventID == r.Event.ID {
		fmt.Fprintf(env.Stdout, "%s (%s, %q) is in event %s.\n", a.ID, a.OutletName(), title, r.Event.ID)
	} else {
		fmt.Fprintf(env.Stdout, "%s (%s, %q) is not in event %s: it is in event %s.\n", a.ID, a.OutletName(), title, r.Event.ID, a.EventID)
		if why.Nearest != nil && why.Nearest.EventID != r.Event.ID {
			fmt.Fprintf(env.Stdout, "Event %s was not its nearest candidate; the nearest it did not join is shown below.\n", r.Event.ID)
		}
	}
	return why.WriteText(env.Stdout)
}
