package postgres

import (
	"context"
	"encoding/json"
	"fmt"
	"sort"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/jackc/pgx/v5"
	"github.com/kljensen/snowball/english"
	"github.com/parallax-news/parallax"
)

// searchWindow is how many of the newest matches Search ranks. Ranking
// reads every candidate's tsvector, so ranking all of a common word's
// matches in a million articles would take seconds; among news, the best
// of the newest few thousand is what a reader wants.
const searchWindow = 1000

// Search returns the articles matching q.Text, best first, each with a
// snippet of its text in which matched terms are marked by
// parallax.HitStart and parallax.HitEnd.
//
// q.Text is read by websearch_to_tsquery, made for raw user input: words
// must all occur, "quoted words" as a phrase, OR between alternatives,
// -word excludes; nothing in it is an error. When more than searchWindow
// articles match, the newest of them are ranked (see candidates).
func (s *DB) Search(ctx context.Context, q parallax.SearchQuery) ([]parallax.SearchHit, error) {
	text := strings.TrimSpace(pgText(q.Text))
	if text == "" {
		return nil, nil
	}
	var args params
	query := args.add(text)
	// A query of exclusions only ("-word") would match nearly everything
	// and no index can serve it; querytree reduces it to T. The sqlite
	// store matches nothing for it, and so does this one.
	where := []string{`tsv @@ websearch_to_tsquery('english', ` + query + `)`,
		`querytree(websearch_to_tsquery('english', ` + query + `)) <> 'T'`}
	if q.Outlet != "" {
		where = append(where, `outlet = `+args.add(pgText(q.Outlet)))
	}
	if !q.Since.IsZero() {
		where = append(where, `published >= `+args.add(q.Since.UTC()))
	}
	if !q.Until.IsZero() {
		where = append(where, `published < `+args.add(q.Until.UTC()))
	}
	// A fixed window keeps pages consistent: page 2 continues page 1.
	cands, err := s.candidates(ctx, strings.Join(where, ` AND `), args, searchWindow)
	if err != nil {
		return nil, fmt.Errorf("search %q: %w", q.Text, err)
	}
	sort.Slice(cands, func(i, j int) bool {
		if cands[i].Rank != cands[j].Rank {
			return cands[i].Rank > cands[j].Rank
		}
		return cands[i].Seq < cands[j].Seq
	})
	from := min(max(q.Offset, 0), len(cands))
	to := len(cands)
	if q.Limit > 0 {
		to = min(from+q.Limit, to)
	}
	page := cands[from:to]
	if len(page) == 0 {
		return nil, nil
	}
	seqs := make([]int64, len(page))
	rank := map[int64]float64{}
	for i, c := range page {
		seqs[i] = c.Seq
		rank[c.Seq] = float64(c.Rank)
	}
	// Snippets are made for the page only, here rather than by
	// ts_headline, which parses and stems each whole text again (half the
	// database's work for a search once ranking was cheap): the query's
	// lexemes come back with the rows, and snippet finds them in the text.
	rows, err := s.pool.Query(ctx, `SELECT a.seq, a.id, coalesce(m.event_id, ''), a.title, a.outlet, a.meta::text,
			left(a.text, `+strconv.Itoa(snippetScan)+`), querytree(websearch_to_tsquery('english', $1))
		FROM articles a LEFT JOIN memberships m ON m.article_id = a.id
		WHERE a.seq = ANY($2)`, text, seqs)
	if err != nil {
		return nil, fmt.Errorf("search %q: %w", q.Text, err)
	}
	defer rows.Close()
	bySeq := map[int64]parallax.SearchHit{}
	var lexemes map[string]bool
	for rows.Next() {
		var (
			h          parallax.SearchHit
			seq        int64
			meta, body string
			tree       string
		)
		if err := rows.Scan(&seq, &h.ArticleID, &h.EventID, &h.Title, &h.Outlet, &meta, &body, &tree); err != nil {
			return nil, fmt.Errorf("search %q: %w", q.Text, err)
		}
		if lexemes == nil {
			lexemes = queryLexemes(tree)
		}
		h.Rank = rank[seq]
		h.Published = publishedFromMeta(meta)
		h.Snippet = snippet(body, lexemes)
		bySeq[seq] = h
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("search %q: %w", q.Text, err)
	}
	hits := make([]parallax.SearchHit, 0, len(seqs))
	for _, seq := range seqs {
		if h, ok := bySeq[seq]; ok {
			hits = append(hits, h)
		}
	}
	return hits, nil
}

// candidate is an article matching a search, with its rank.
type candidate struct {
	Seq  int64
	Rank float32
}

// probeRows is how many of the newest articles candidates scans in seq
// order before it estimates how common the query is.
const probeRows = 4 * searchWindow

// candidates returns the seqs of the newest articles (at most window)
// matching where (in which args are numbered).
//
// No single plan finds them fast for every query: for a word in many
// articles, walking seqs backwards finds window matches soon; for a word
// in a few percent, that walk checks thousands of tsvectors per match,
// and a bitmap of the GIN index ANDed with a seq range is far cheaper; a
// rare word wants the GIN index alone. So it first walks the newest
// probeRows, then, if that found too few, estimates the word's frequency
// from it, picks the walk or the bitmaps by it, and asks for a seq range
// expected to hold the window, widening it until it does or covers
// everything.
func (s *DB) candidates(ctx context.Context, where string, args params, window int) ([]candidate, error) {
	var maxSeq int64
	if err := s.pool.QueryRow(ctx, `SELECT coalesce(max(seq), 0) FROM articles`).Scan(&maxSeq); err != nil {
		return nil, err
	}
	// $1 is the query text.
	scan := func(q interface {
		Query(context.Context, string, ...any) (pgx.Rows, error)
	}, lo int64) ([]candidate, error) {
		a := append(params{}, args...)
		// Only the newest window are ranked: in the select list of the
		// same query, the rank would be computed for every row the bitmap
		// scan returns, before the sort picks the newest.
		rows, err := q.Query(ctx, `SELECT seq, ts_rank_cd(tsv, websearch_to_tsquery('english', $1), 1)
			FROM (SELECT seq, tsv FROM articles WHERE `+where+` AND seq > `+a.add(lo)+`
				ORDER BY seq DESC LIMIT `+strconv.Itoa(window)+`) newest`, a...)
		if err != nil {
			return nil, err
		}
		defer rows.Close()
		out := make([]candidate, 0, window)
		var c candidate
		for rows.Next() {
			if err := rows.Scan(&c.Seq, &c.Rank); err != nil {
				return nil, err
			}
			out = append(out, c)
		}
		return out, rows.Err()
	}
	// The probe needs no transaction of its own: most common words end
	// here, and each statement saved is a round trip.
	lo := max(maxSeq-probeRows, 0)
	cands, err := scan(s.pool, lo)
	if err != nil || len(cands) >= window || lo == 0 {
		return cands, err
	}
	err = pgx.BeginTxFunc(ctx, s.pool, pgx.TxOptions{AccessMode: pgx.ReadOnly}, func(tx pgx.Tx) error {
		// The planner prices a tsvector check far below what it costs, so
		// the plan is chosen here. A word in a tenth of the articles or
		// more is found soonest by walking seqs backwards (its GIN bitmap
		// alone would list a hundred thousand rows); a rarer one by its
		// bitmap ANDed with a seq range.
		set := `SET LOCAL enable_indexscan = off`
		if len(cands)*10 >= probeRows {
			set = `SET LOCAL enable_bitmapscan = off`
		}
		if _, err := tx.Exec(ctx, set); err != nil {
			return err
		}
		// A word expected to match few articles in all is asked for
		// everywhere: the GIN bitmap alone is then cheaper than ANDing it
		// with a long seq range.
		span := int64(0) // everything
		if expected := float64(len(cands)) / probeRows * float64(maxSeq); expected > 4*float64(window) {
			span = int64(float64(probeRows) / float64(len(cands)) * float64(window) * 1.3)
		}
		for {
			lo = 0
			if span > 0 && span < maxSeq {
				lo = maxSeq - span
			}
			var err error
			if cands, err = scan(tx, lo); err != nil {
				return err
			}
			if len(cands) >= window || lo == 0 {
				return nil
			}
			span *= 4
		}
	})
	return cands, err
}

// publishedFromMeta reads Published from an article's meta JSON, where it
// keeps its zone.
func publishedFromMeta(meta string) time.Time {
	var v struct {
		Published time.Time `json:"published"`
	}
	if json.Unmarshal([]byte(meta), &v) != nil {
		return time.Time{}
	}
	return v.Published
}

// snippetScan bounds how much of a text snippet reads, and snippetWords
// how many words a fragment of a snippet holds (SQLite's snippet takes 24
// tokens too).
const (
	snippetScan  = 100000
	snippetWords = 24
)

// queryLexemes reads the lexemes a tsquery asks for from its text form
// ('a' & !'b' | 'c' <-> 'd'), leaving out negated ones, which no snippet
// marks.
func queryLexemes(tree string) map[string]bool {
	out := map[string]bool{}
	negated := false
	for i := 0; i < len(tree); i++ {
		switch c := tree[i]; c {
		case '!':
			negated = true
		case '\'':
			var b strings.Builder
			for i++; i < len(tree); i++ {
				if tree[i] == '\\' && i+1 < len(tree) {
					i++
				} else if tree[i] == '\'' {
					if i+1 < len(tree) && tree[i+1] == '\'' {
						i++
					} else {
						break
					}
				}
				b.WriteByte(tree[i])
			}
			if !negated && b.Len() > 0 {
				out[b.String()] = true
			}
			negated = false
		case ' ', '(', ')':
		default:
			negated = false
		}
	}
	return out
}

// snippetWord is a word of a text, by byte offsets.
type snippetWord struct {
	start, end int
	hit        bool
}

// snippet returns the part of text around the words whose English stems
// are among lexemes, with those words between parallax.HitStart and
// parallax.HitEnd: a fragment of snippetWords words starting a few words
// before the first match, and a second one at the first match past it,
// joined by " … " (as ts_headline with MaxFragments=2 does). A text
// without a match (the title matched) gives its first words.
func snippet(text string, lexemes map[string]bool) string {
	var words []snippetWord
	var matches []int
	prefixes := map[string]bool{}
	for lx := range lexemes {
		prefixes[lx[:min(len(lx), 3)]] = true
	}
	for i := 0; i < len(text); {
		r, n := utf8.DecodeRuneInString(text[i:])
		if !unicode.IsLetter(r) && !unicode.IsDigit(r) {
			i += n
			continue
		}
		j := i + n
		for j < len(text) {
			r, n := utf8.DecodeRuneInString(text[j:])
			if !unicode.IsLetter(r) && !unicode.IsDigit(r) {
				break
			}
			j += n
		}
		w := snippetWord{start: i, end: j}
		// Stems start with the word's first letters (a few end
		// differently: "cities", "citi"), so only words that could match
		// are lowered and stemmed.
		if len(lexemes) > 0 && prefixes[lowerPrefix(text[i:j])] {
			lower := strings.ToLower(text[i:j])
			if lexemes[lower] || lexemes[english.Stem(lower, false)] {
				w.hit = true
				matches = append(matches, len(words))
			}
		}
		words = append(words, w)
		i = j
		// A second fragment's worth of words past a match beyond the
		// first fragment is all a snippet can show.
		if len(matches) > 0 {
			end := max(matches[0]-snippetWords/4, 0) + snippetWords
			if last := matches[len(matches)-1]; last >= end && len(words) >= last+snippetWords {
				break
			}
		}
	}
	if len(words) == 0 {
		return ""
	}
	var frags []string
	if len(matches) == 0 {
		return fragment(text, words[:min(len(words), snippetWords)])
	}
	from := max(matches[0]-snippetWords/4, 0)
	to := min(from+snippetWords, len(words))
	frags = append(frags, fragment(text, words[from:to]))
	for _, m := range matches {
		if m >= to {
			from = max(m-snippetWords/4, to)
			frags = append(frags, fragment(text, words[from:min(from+snippetWords, len(words))]))
			break
		}
	}
	return strings.Join(frags, " … ")
}

// lowerPrefix returns the first three bytes of a word in lower case, as
// the prefixes of lexemes are kept; a word with other than ASCII letters
// and digits there is lowered whole.
func lowerPrefix(w string) string {
	var b [3]byte
	n := min(len(w), 3)
	for i := 0; i < n; i++ {
		c := w[i]
		switch {
		case c >= 'A' && c <= 'Z':
			c += 'a' - 'A'
		case c >= 0x80:
			l := strings.ToLower(w)
			return l[:min(len(l), 3)]
		}
		b[i] = c
	}
	return string(b[:n])
}

// fragment returns the text from the first word to the end of the last,
// with hits marked. Markers the text itself holds are dropped, so that
// only hits are marked.
func fragment(text string, words []snippetWord) string {
	var b strings.Builder
	write := func(s string) {
		for i := 0; i < len(s); i++ {
			if c := s[i]; c != parallax.HitStart[0] && c != parallax.HitEnd[0] {
				b.WriteByte(c)
			}
		}
	}
	pos := words[0].start
	for _, w := range words {
		if !w.hit {
			continue
		}
		write(text[pos:w.start])
		b.WriteString(parallax.HitStart)
		write(text[w.start:w.end])
		b.WriteString(parallax.HitEnd)
		pos = w.end
	}
	write(text[pos:words[len(words)-1].end])
	return b.String()
}
