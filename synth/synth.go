// Package synth generates synthetic news streams with known events, for
// measuring the clusterer at sizes no real corpus here reaches (a million
// articles) and for checking that its memory follows the active window.
//
// The stream is deterministic for a seed. Articles arrive at a steady
// rate; each reports either a new event or one that started within the
// last few days. An event has its own rare words, names, figures and a
// happening date; articles mix those with a Zipf-distributed common
// vocabulary, so that like real news most words are shared by all events
// and a few tell them apart.
package synth

import (
	"fmt"
	"math"
	"math/rand/v2"
	"strings"
	"time"

	"github.com/parallax-news/parallax"
)

// Config sets the shape of a stream. The zero value is not valid; start
// from DefaultConfig.
type Config struct {
	Seed uint64
	// Start is the publication time of the first article; PerDay how many
	// articles are published per day.
	Start  time.Time
	PerDay int
	// MeanEventSize is the average number of articles per event;
	// EventDays how long after its start an event still gets reports.
	MeanEventSize float64
	EventDays     int
	// Words is the length of an article's body in words.
	Words int
	// CommonWords and RareWords size the two vocabularies.
	CommonWords int
	RareWords   int
}

// DefaultConfig returns a stream of 5,000 articles a day, events of about
// five reports spread over up to three days, and bodies of 120 words.
func DefaultConfig() Config {
	return Config{
		Seed:          1,
		Start:         time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC),
		PerDay:        5000,
		MeanEventSize: 5,
		EventDays:     3,
		Words:         120,
		CommonWords:   20000,
		RareWords:     200000,
	}
}

// Article is a generated article with its gold event.
type Article struct {
	*parallax.Article
	Event string
}

type event struct {
	id      string
	start   time.Time
	rare    []string
	names   []string
	figures []string
	day     time.Time
}

// Stream generates articles one at a time.
type Stream struct {
	cfg    Config
	rng    *rand.Rand
	common []string
	cum    []float64 // cumulative Zipf weights of common words
	recent []*event
	n      int
	events int
	step   time.Duration
}

// New returns a stream for cfg.
func New(cfg Config) (*Stream, error) {
	if cfg.PerDay <= 0 || cfg.MeanEventSize < 1 || cfg.EventDays < 1 || cfg.Words < 10 || cfg.CommonWords < 100 || cfg.RareWords < 100 {
		return nil, fmt.Errorf("synth config %+v: want positive rate, event size >= 1, event days >= 1, at least 10 words and 100-word vocabularies", cfg)
	}
	s := &Stream{cfg: cfg, rng: rand.New(rand.NewPCG(cfg.Seed, cfg.Seed^0x9e3779b97f4a7c15))}
	s.common = make([]string, cfg.CommonWords)
	s.cum = make([]float64, cfg.CommonWords)
	total := 0.0
	for i := range s.common {
		s.common[i] = s.word(2 + i%3)
		total += 1 / math.Pow(float64(i+1), 1.07)
		s.cum[i] = total
	}
	for i := range s.cum {
		s.cum[i] /= total
	}
	s.step = 24 * time.Hour / time.Duration(cfg.PerDay)
	return s, nil
}

var syllables = strings.Fields("ka lo mi ra te su po ne di va sho ber tan gul fen mar ris od ul ak zen tor bel cas dim fer gan hol jin kel lun mor nav pel qui ros sal tir vek wal yor zul")

// word returns a pronounceable word of n syllables.
func (s *Stream) word(n int) string {
	var b strings.Builder
	for i := 0; i < n; i++ {
		b.WriteString(syllables[s.rng.IntN(len(syllables))])
	}
	return b.String()
}

func (s *Stream) commonWord() string {
	x := s.rng.Float64()
	lo, hi := 0, len(s.cum)-1
	for lo < hi {
		m := (lo + hi) / 2
		if s.cum[m] < x {
			lo = m + 1
		} else {
			hi = m
		}
	}
	return s.common[lo]
}

func (s *Stream) newEvent(t time.Time) *event {
	s.events++
	ev := &event{id: fmt.Sprintf("g%d", s.events), start: t, day: t.Add(-time.Duration(s.rng.IntN(36)) * time.Hour)}
	for i := 0; i < 8; i++ {
		// Rare words come from a fixed range so that they recur across
		// events like real topic words ("strike", "earthquake").
		r := rand.New(rand.NewPCG(uint64(s.rng.IntN(s.cfg.RareWords)), 7))
		w := ""
		for j := 0; j < 3; j++ {
			w += syllables[r.IntN(len(syllables))]
		}
		ev.rare = append(ev.rare, w)
	}
	for i := 0; i < 3; i++ {
		ev.names = append(ev.names, capitalize(s.word(2))+" "+capitalize(s.word(2)))
	}
	for i := 0; i < 2; i++ {
		ev.figures = append(ev.figures, fmt.Sprintf("%d %s", 2+s.rng.IntN(500), s.commonWord()))
	}
	return ev
}

func capitalize(w string) string {
	if w == "" {
		return w
	}
	return strings.ToUpper(w[:1]) + w[1:]
}

// Next returns the next article of the stream.
func (s *Stream) Next() Article {
	t := s.cfg.Start.Add(time.Duration(s.n) * s.step)
	s.n++
	// Forget events too old to get more reports.
	keep := s.recent[:0]
	for _, ev := range s.recent {
		if t.Sub(ev.start) < time.Duration(s.cfg.EventDays)*24*time.Hour {
			keep = append(keep, ev)
		}
	}
	clear(s.recent[len(keep):])
	s.recent = keep
	var ev *event
	if len(s.recent) == 0 || s.rng.Float64() < 1/s.cfg.MeanEventSize {
		ev = s.newEvent(t)
		s.recent = append(s.recent, ev)
	} else {
		ev = s.recent[s.rng.IntN(len(s.recent))]
	}
	var title, body strings.Builder
	for i := 0; i < 7; i++ {
		if i > 0 {
			title.WriteByte(' ')
		}
		if i%2 == 0 {
			title.WriteString(ev.rare[s.rng.IntN(len(ev.rare))])
		} else {
			title.WriteString(s.commonWord())
		}
	}
	fmt.Fprintf(&body, "%s, %s: ", strings.ToUpper(ev.names[2][:1])+ev.names[2][1:], ev.day.Format("January 2, 2006"))
	for i := 0; i < s.cfg.Words; i++ {
		switch x := s.rng.Float64(); {
		case x < 0.12:
			body.WriteString(ev.rare[s.rng.IntN(len(ev.rare))])
		case x < 0.17:
			body.WriteString(ev.names[s.rng.IntN(len(ev.names))])
		case x < 0.19:
			body.WriteString(ev.figures[s.rng.IntN(len(ev.figures))])
		default:
			body.WriteString(s.commonWord())
		}
		if i%15 == 14 {
			body.WriteString(". ")
		} else {
			body.WriteByte(' ')
		}
	}
	body.WriteString(".")
	text := body.String()
	a := &parallax.Article{
		ID:        fmt.Sprintf("s%d", s.n),
		Title:     title.String(),
		Text:      text,
		Published: t,
		Format:    "synthetic",
	}
	return Article{Article: a, Event: ev.id}
}
