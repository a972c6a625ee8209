package pipeline

import (
	"context"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/parallax-news/parallax"
	"github.com/parallax-news/parallax/dossier"
)

// twoObituaries returns n reports of each of two similar but different
// happenings, interleaved: two men of one scandal died, the reports share
// the scandal's words and differ in names, ages and places.
func twoObituaries(n int, seed uint64) []*parallax.Article {
	r := rand.New(rand.NewPCG(seed, 1))
	shared := []string{"the Watergate scandal", "President Richard Nixon", "the White House", "the cover-up", "the burglary", "Deep Throat"}
	stories := []struct{ name, surname, age, place, detail string }{
		{"Walter Marsden", "Marsden", "95", "Santa Rosa", "the associate director of the bureau who guided reporters"},
		{"Frederick Lambton", "Lambton", "75", "Biloxi", "the campaign aide who carried cash to the burglars"},
	}
	var out []*parallax.Article
	for i := 0; i < n; i++ {
		for k, s := range stories {
			pick := func() string { return shared[r.IntN(len(shared))] }
			text := fmt.Sprintf("%s, %s, has died at %s in %s. %s was %s during %s. "+
				"Friends of %s in %s said he had spoken often about %s and %s. "+
				"%s never hid his part in %s, and %s remembered him as %s.",
				s.name, s.detail, s.age, s.place, s.surname, s.detail, pick(),
				s.surname, s.place, pick(), pick(),
				s.surname, pick(), s.place, s.detail)
			out = append(out, &parallax.Article{
				ID: fmt.Sprintf("%c%02d", 'a'+k, i), Input: fmt.Sprintf("story-%c-%d.txt", 'a'+k, i),
				Title: s.name + " dies at " + s.age, Text: text, Language: "en",
			})
		}
	}
	return out
}

// TestSplitStored checks that when the clusterer splits an event, the
// store follows: every article's membership names its final event, the
// counts are recounted, and each event's dossier covers only its own
// articles — also for articles moved out of batches stored earlier.
func TestSplitStored(t *testing.T) {
	ctx := context.Background()
	p, st := newPipeline(t) // batches of 3: moved articles span batches
	arts := twoObituaries(8, 1)
	if _, err := p.AddArticles(ctx, arts); err != nil {
		t.Fatal(err)
	}
	if err := p.Close(ctx); err != nil {
		t.Fatal(err)
	}
	stored, err := st.Articles(ctx, parallax.ArticleQuery{})
	if err != nil {
		t.Fatal(err)
	}
	events := map[byte]map[string]bool{'a': {}, 'b': {}}
	for _, a := range stored {
		events[a.ID[0]][a.EventID] = true
	}
	if len(events['a']) != 1 || len(events['b']) != 1 {
		t.Fatalf("each story should be one event: %v", events)
	}
	var ea, eb string
	for e := range events['a'] {
		ea = e
	}
	for e := range events['b'] {
		eb = e
	}
	if ea == eb {
		t.Fatalf("both stories in event %s", ea)
	}
	split := false
	for _, id := range []string{ea, eb} {
		ms, err := st.Memberships(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range ms {
			if strings.Contains(string(m.Why), "split in two") {
				split = true
			}
		}
		e, err := st.Event(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		if e.Articles != 8 {
			t.Errorf("event %s counts %d articles, want 8", id, e.Articles)
		}
		b, err := st.Document(ctx, dossier.DossierKind, id)
		if err != nil {
			t.Fatalf("dossier of %s: %v", id, err)
		}
		var d parallax.Dossier
		if err := json.Unmarshal(b, &d); err != nil {
			t.Fatal(err)
		}
		prefix := byte('a')
		if id == eb {
			prefix = 'b'
		}
		if len(d.Coverage.Articles) != 8 {
			t.Errorf("dossier of %s covers %d articles, want 8", id, len(d.Coverage.Articles))
		}
		for _, ca := range d.Coverage.Articles {
			if ca.ID == "" || ca.ID[0] != prefix {
				t.Errorf("dossier of %s covers %q, an article of the other story", id, ca.ID)
			}
		}
	}
	if !split {
		t.Fatal("no membership records a split: the stories were kept apart without one, so this test no longer tests splitting")
	}
	if n, _ := st.CountEvents(ctx); n != 2 {
		t.Errorf("%d events stored, want 2 (no empty events left behind)", n)
	}
}
