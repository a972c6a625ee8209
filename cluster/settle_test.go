package cluster

import (
	"reflect"
	"strings"
	"testing"

	"github.com/parallax-news/parallax/internal/fixture"
)

// story returns the happening a LateLink article reports: "a" or "b".
func story(id string) string { return id[:1] }

// TestSettleLinksEarlyReport checks that a report which founded an event
// of its own, because the reports linking it to its happening came later,
// moves to that happening's event on review, with its near-duplicate; that
// the decisions Add returned, once ApplySplits applies their moves, agree
// with the clusterer's; and that the event it left is gone.
func TestSettleLinksEarlyReport(t *testing.T) {
	cfg := DefaultConfig()
	cfg.MoveAge = 1
	arts := fixture.LateLink()
	c := New(cfg)
	decs := make([]Decision, len(arts))
	for i, a := range arts {
		decs[i] = c.Add(a)
	}
	if !decs[2].New || decs[2].EventID == decs[0].EventID {
		t.Fatalf("a1 joined %s on arrival: the fixture no longer makes an early report found its own event", decs[2].EventID)
	}
	if decs[3].CopyOf != "a1" {
		t.Fatalf("a1-copy: copy of %q, want a1", decs[3].CopyOf)
	}
	fragment := decs[2].EventID
	ApplySplits(decs)
	var moves []Move
	for _, d := range decs {
		moves = append(moves, d.Moves...)
	}
	final := c.Settle()
	ApplyMoves(decs, final)
	moves = append(moves, final...)

	var mv *Move
	for i := range moves {
		if moves[i].Article == "a1" {
			mv = &moves[i]
		}
	}
	if mv == nil {
		t.Fatalf("a1 was not moved; moves: %+v", moves)
	}
	if mv.From != fragment || mv.To != decs[0].EventID || !mv.Emptied || !reflect.DeepEqual(mv.Copies, []string{"a1-copy"}) {
		t.Errorf("move = %+v; want from %s to %s with its copy, emptying the fragment", *mv, fragment, decs[0].EventID)
	}
	if mv.Other <= mv.Own+cfg.MoveMargin {
		t.Errorf("move by %.2f against %.2f: within the margin %.2f", mv.Other, mv.Own, cfg.MoveMargin)
	}
	events := map[string]string{}
	for i, d := range decs {
		id := arts[i].ID
		now, ok := c.Decided(id)
		if !ok || now.EventID != d.EventID {
			t.Errorf("%s: decisions applied say %s, the clusterer %s", id, d.EventID, now.EventID)
		}
		if s, ok := events[d.EventID]; ok && s != story(id) {
			t.Errorf("event %s mixes the two deaths", d.EventID)
		}
		events[d.EventID] = story(id)
	}
	if len(events) != 2 {
		t.Errorf("%d events, want 2: %v", len(events), events)
	}
	if c.OpenEvents() != 2 {
		t.Errorf("%d open events, want 2: the emptied event stays open", c.OpenEvents())
	}
	why, _ := c.Explain("a1")
	if why == nil || why.EventID != decs[0].EventID || !strings.Contains(strings.Join(why.Notes, " "), "when the stream settled") {
		t.Errorf("a1's explanation does not tell of the move: %+v", why)
	}
}

// TestSettleOff checks that MoveAge 0 turns reviews off, and that the same
// input in the same order gives the same result with them on.
func TestSettleOff(t *testing.T) {
	cfg := DefaultConfig()
	cfg.MoveAge = 0
	decs := New(cfg).AddAll(fixture.LateLink())
	for _, d := range decs {
		if len(d.Moves) > 0 || strings.Contains(strings.Join(d.Why.Notes, " "), "settled") {
			t.Errorf("%s moved with reviews off", d.ArticleID)
		}
	}
	if decs[2].EventID == decs[0].EventID {
		t.Error("a1 joined a0's event without a review")
	}
	cfg.MoveAge = 1
	ids := func() []string {
		var out []string
		for _, d := range New(cfg).AddAll(fixture.LateLink()) {
			out = append(out, d.EventID)
		}
		return out
	}
	if a, b := ids(), ids(); !reflect.DeepEqual(a, b) {
		t.Errorf("two runs differ:\n%v\n%v", a, b)
	}
}

// TestSettleBounded checks that each article is reviewed at most
// reviewStages times and that the review queues hold only the articles
// still due, however long the stream.
func TestSettleBounded(t *testing.T) {
	cfg := DefaultConfig()
	cfg.MoveAge = 3
	c := New(cfg)
	for i := range 400 {
		a := fixture.TwoObituaries(1, uint64(i), false)[i%2]
		a.ID = a.ID + "-" + string(rune('a'+i%26)) + strings.Repeat("x", i/26)
		c.Add(a)
	}
	queued := 0
	for _, q := range c.review {
		queued += len(q)
	}
	// Stage k holds the articles younger than MoveAge·4^k.
	if limit := cfg.MoveAge * (1 + 4); queued > limit {
		t.Errorf("%d articles queued for review after 400, want at most %d", queued, limit)
	}
	c.Settle()
	if n := len(c.review[0]); n != 0 {
		t.Errorf("%d articles not reviewed once after Settle", n)
	}
}
