package postgres

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/jackc/pgx/v5"
	"github.com/kljensen/snowball/english"
	"github.com/parallax-news/parallax"
)

// searchWindow is how many of the newest matches Search returns at most,
// and rankWindow how many of the newest it ranks: the newest rankWindow
// come first, best first, then the rest of the window newest first.
// Ranking reads every candidate's tsvector, so ranking all of a common
// word's matches in a million articles would take seconds; news search
// is recency-biased, and the best of the newest 200 is what a
// reader wants on the first pages, which then cost a fifth of ranking
// the whole window. (The sqlite store ranks the whole window.)
const (
	searchWindow = 1000
	rankWindow   = 200
)

// Search returns the articles matching q.Text, best first, each with a
// snippet of its text in which matched terms are marked by
// parallax.HitStart and parallax.HitEnd.
//
// q.Text is read by websearch_to_tsquery, made for raw user input: words
// must all occur, "quoted words" as a phrase, OR between alternatives,
// -word excludes; nothing in it is an error. When more than searchWindow
// articles match, the newest of them are returned; the newest rankWindow
// of them are ranked and come first.
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
	// Fixed windows keep pages consistent: page 2 continues page 1. Pages
	// within the ranked window need only its candidates.
	window := searchWindow
	if q.Limit > 0 && max(q.Offset, 0)+q.Limit <= rankWindow {
		window = rankWindow
	}
	var cands []candidate
	var err error
	if len(where) == 2 {
		// Without filters, the counts of search_counts tell where the
		// newest matches are; filters would make them loose bounds.
		cands, err = s.countedCandidates(ctx, text, window)
	} else {
		cands, err = s.candidates(ctx, strings.Join(where, ` AND `), args, window)
	}
	if err != nil {
		return nil, fmt.Errorf("search %q: %w", q.Text, err)
	}
	// Candidates come newest first: the newest rankWindow by rank, then
	// the rest as they are.
	ranked := cands[:min(len(cands), rankWindow)]
	sort.Slice(ranked, func(i, j int) bool {
		if ranked[i].Rank != ranked[j].Rank {
			return ranked[i].Rank > ranked[j].Rank
		}
		return ranked[i].Seq < ranked[j].Seq
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
	var snip *snipper
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
		if snip == nil {
			snip = newSnipper(queryLexemes(tree))
		}
		h.Rank = rank[seq]
		h.Published = publishedFromMeta(meta)
		h.Snippet = snip.snippet(body)
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

// readCandidates reads (seq, rank) rows, at most n expected, and closes
// them.
func readCandidates(rows pgx.Rows, n int) ([]candidate, error) {
	defer rows.Close()
	out := make([]candidate, 0, n)
	var c candidate
	for rows.Next() {
		if err := rows.Scan(&c.Seq, &c.Rank); err != nil {
			return nil, err
		}
		out = append(out, c)
	}
	return out, rows.Err()
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
				ORDER BY seq DESC LIMIT `+strconv.Itoa(window)+`) newest ORDER BY seq DESC`, a...)
		if err != nil {
			return nil, err
		}
		return readCandidates(rows, window)
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
	// The meta JSON is written by this package, "published" at its top
	// level in RFC 3339: read it in place; anything else the slow way.
	if i := strings.Index(meta, `"published":"`); i >= 0 {
		v := meta[i+len(`"published":"`):]
		if j := strings.IndexByte(v, '"'); j >= 0 && strings.IndexByte(v[:j], '\\') < 0 {
			if t, err := time.Parse(time.RFC3339Nano, v[:j]); err == nil {
				return t
			}
		}
	}
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
			var lx string
			lx, i = quotedLexeme(tree, i)
			if !negated && lx != "" {
				out[lx] = true
			}
			negated = false
		case ' ', '(', ')':
		default:
			negated = false
		}
	}
	return out
}

// quotedLexeme reads the quoted lexeme that opens at tree[i] ('it”s',
// with backslash escapes too) and returns it unquoted with the index of its
// closing quote (len(tree) when unclosed).
func quotedLexeme(tree string, i int) (string, int) {
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
	return b.String(), i
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
	return newSnipper(lexemes).snippet(text)
}

// snipper makes the snippets of one page of results: it remembers across
// the page's texts which words match (stemming is most of a snippet's
// cost) and reuses its buffer of words.
type snipper struct {
	lexemes  map[string]bool
	prefixes map[string]bool // lexemes' first three bytes
	memo     map[string]bool
	words    []snippetWord
	matches  []int
}

func newSnipper(lexemes map[string]bool) *snipper {
	sn := &snipper{lexemes: lexemes, prefixes: map[string]bool{}, memo: map[string]bool{}}
	for lx := range lexemes {
		sn.prefixes[lx[:min(len(lx), 3)]] = true
	}
	return sn
}

// snippet is the package's snippet with the page's memory.
func (sn *snipper) snippet(text string) string {
	words, matches := sn.words[:0], sn.matches[:0]
	defer func() { sn.words, sn.matches = words[:0], matches[:0] }()
	lexemes, prefixes, memo := sn.lexemes, sn.prefixes, sn.memo
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
		if len(lexemes) > 0 && hasPrefix(prefixes, text[i:j]) {
			hit, ok := memo[text[i:j]]
			if !ok {
				lower := strings.ToLower(text[i:j])
				hit = lexemes[lower] || lexemes[english.Stem(lower, false)]
				memo[text[i:j]] = hit
			}
			if hit {
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

// hasPrefix reports whether the first three bytes of a word in lower
// case are among prefixes, as the prefixes of lexemes are kept; a word
// with other than ASCII letters and digits there is lowered whole.
func hasPrefix(prefixes map[string]bool, w string) bool {
	var b [3]byte
	n := min(len(w), 3)
	for i := 0; i < n; i++ {
		c := w[i]
		switch {
		case c >= 'A' && c <= 'Z':
			c += 'a' - 'A'
		case c >= 0x80:
			l := strings.ToLower(w)
			return prefixes[l[:min(len(l), 3)]]
		}
		b[i] = c
	}
	return prefixes[string(b[:n])]
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

// countWidth is how many seqs a range of search_counts spans. Narrower
// ranges waste fewer fetches at the edge of a search's range; wider ones
// keep the table smaller (some 36,000 lexemes a range of synthetic news).
var countWidth int64 = 8192

// lockCounts serializes processes filling search_counts of one schema
// (see schemaLock).
const lockCounts int64 = 0x706172636f756e74 // "parcount"

// counting marks the stores whose search_counts a goroutine is filling.
var counting sync.Map // *DB → *atomic.Bool

// countLater starts filling search_counts in the background, unless it is
// being filled already by this process.
func (s *DB) countLater() {
	v, _ := counting.LoadOrStore(s, new(atomic.Bool))
	busy := v.(*atomic.Bool)
	if !busy.CompareAndSwap(false, true) {
		return
	}
	if s.background.Err() != nil { // closed
		busy.Store(false)
		return
	}
	s.working.Add(1)
	go func() {
		defer s.working.Done()
		defer busy.Store(false)
		ctx, cancel := context.WithTimeout(s.background, 10*time.Minute)
		defer cancel()
		for {
			more, err := s.countRange(ctx)
			if err != nil || !more {
				return
			}
		}
	}()
}

// countRange counts the lexemes of the next range of seqs once all its
// articles are stored, and reports whether it did. Articles commit in seq
// order (PutArticles serializes writers), so a range is complete once a
// later seq is stored. Another process counting meanwhile wins.
func (s *DB) countRange(ctx context.Context) (bool, error) {
	did := false
	err := pgx.BeginFunc(ctx, s.pool, func(tx pgx.Tx) error {
		var locked bool
		if err := tx.QueryRow(ctx, `SELECT pg_try_advisory_xact_lock(`+schemaLock+`)`, lockCounts).Scan(&locked); err != nil || !locked {
			return err
		}
		var lo, width, maxSeq int64
		if err := tx.QueryRow(ctx, `SELECT coalesce(max(hi), 0), coalesce(max(hi - lo), $1),
				(SELECT coalesce(max(seq), 0) FROM articles) FROM search_ranges`, countWidth).Scan(&lo, &width, &maxSeq); err != nil {
			return err
		}
		hi := lo + width
		if maxSeq < hi {
			return nil
		}
		if _, err := tx.Exec(ctx, `INSERT INTO search_counts (lexeme, lo, ndoc)
			SELECT word, $1, ndoc FROM ts_stat('SELECT tsv FROM articles WHERE seq >= `+strconv.FormatInt(lo, 10)+
			` AND seq < `+strconv.FormatInt(hi, 10)+`')`, lo); err != nil {
			return err
		}
		if _, err := tx.Exec(ctx, `INSERT INTO search_ranges (lo, hi) VALUES ($1, $2)`, lo, hi); err != nil {
			return err
		}
		did = true
		return nil
	})
	return did, err
}

// searchCounts is what countedCandidates learns about a query in its
// first statement.
type searchCounts struct {
	maxSeq  int64
	tree    string          // the query's querytree
	lexemes map[string]bool // lexemes looked up
	counted int64           // ranges cover seqs below counted
	width   int64
	ndoc    map[string]map[int64]int64 // lexeme → range lo → articles
}

// segment is a stretch of seqs, lo <= seq < hi, to scan for matches, by
// walking seqs backwards or by a GIN bitmap.
type segment struct {
	lo, hi int64
	walk   bool
	// all means no seq condition: the GIN bitmap alone; filter the GIN
	// bitmap alone too, with the seqs checked on the rows fetched.
	all, filter bool
	// blocks: the bitmaps of the block indexes of the blocks the segment
	// spans (see blocks.go), seqs checked on the rows fetched.
	blocks bool
}

// Costs in microseconds, measured on a million synthetic articles (warm
// cache): walking passes a row in about 0.7; a GIN bitmap costs about
// 0.25 per posting of the rarest word (in the whole table) and 3 per
// match fetched and ranked; ANDing it with the BRIN range about 3,000
// (the whole BRIN index is read).
const (
	costWalkRow = 0.7
	costPosting = 0.25
	costFetch   = 3
	costBRIN    = 3000
	// costBlock is what each block of a blocks segment adds (planning
	// and starting its bitmap scan).
	costBlock = 200
)

// planner chooses, from a query's counts, the segments to scan for its
// newest matches, newest first, learning from each scan how far the
// counts overstate (those of AND queries bound the matches, not count
// them).
type planner struct {
	width, counted, maxSeq int64
	window                 float64
	// Per range of width seqs, then the uncounted tail (seqs from counted
	// to maxSeq, guessed from the newest range): bound is an upper bound
	// of the matches, guess the matches expected were the lexemes of an
	// AND query independent.
	bound, guess []float64
	total        float64 // sum of the bounds: the GIN bitmap's postings
	found, spent float64 // matches found, and the bounds of the segments scanned
	// blocks are the blocks of blockWidth seqs with an index of their
	// own (see blocks.go); nil when none.
	blockWidth int64
	blocks     map[int64]bool
}

// boundIn sums the bounds of the ranges starting in lo <= seq < hi.
func (p *planner) boundIn(lo, hi int64) float64 {
	var b float64
	for k := range p.bound {
		if l := p.lo(k); l >= lo && l < hi {
			b += p.bound[k]
		}
	}
	return b
}

// newPlanner returns the planner of a query, or nil when the counts cannot
// tell (no ranges counted yet, or a query whose matches no lexeme bounds:
// "-a", "a or -b").
func (c *searchCounts) planner(window int) *planner {
	if c.width <= 0 || c.counted <= 0 {
		return nil
	}
	pos, or, not := treeShape(c.tree)
	if len(pos) == 0 || (or && not) {
		return nil
	}
	for _, lx := range pos {
		if !c.lexemes[lx] {
			return nil
		}
	}
	nr := c.counted / c.width
	p := &planner{width: c.width, counted: c.counted, maxSeq: c.maxSeq, window: float64(window),
		bound: make([]float64, nr+1), guess: make([]float64, nr+1)}
	for k := range nr {
		var b, g float64 = -1, 1
		for _, lx := range pos {
			n := float64(c.ndoc[lx][k*c.width])
			switch {
			case or:
				b = max(b, 0) + n
				g = b
			default:
				if b < 0 || n < b {
					b = n
				}
				g *= n / float64(c.width)
			}
		}
		if !or {
			g *= float64(c.width)
		}
		p.bound[k], p.guess[k] = max(b, 0), g
		p.total += p.bound[k]
	}
	tail := float64(max(c.maxSeq+1-c.counted, 0)) / float64(c.width)
	p.bound[nr], p.guess[nr] = tail*p.bound[nr-1], tail*p.guess[nr-1]
	p.total += p.bound[nr]
	return p
}

// lo and hi are the seqs range k covers (the last is the tail).
func (p *planner) lo(k int) int64 { return int64(k) * p.width }
func (p *planner) hi(k int) int64 {
	if k == len(p.bound)-1 {
		return p.maxSeq + 1
	}
	return int64(k+1) * p.width
}

// next returns the segment to scan below seq hi for need more matches,
// and false when nothing below hi can match.
func (p *planner) next(hi int64, need int) (segment, bool) {
	if hi <= 0 {
		return segment{}, false
	}
	if p.spent == 0 && p.total <= 2*p.window {
		// Rare: the GIN bitmap alone fetches them all.
		return segment{lo: 0, hi: hi, all: true}, true
	}
	// The counts overstate by found/spent so far (AND queries).
	ratio := 1.0
	if p.spent > 0 {
		ratio = max(p.found, 1) / p.spent
	}
	last := len(p.bound) - 1
	if hi > p.counted && p.bound[last] == 0 {
		// The tail, apart, when the newest range has no match: an old
		// story's matches are far below.
		return segment{lo: p.counted, hi: hi, walk: costWalkRow*float64(hi-p.counted) < costPosting*p.total+costBRIN}, true
	}
	top, k := int64(-1), last
	for ; k >= 0 && p.lo(k) >= hi; k-- {
	}
	var acc, guess, bound float64
	lo := int64(0)
	for ; k >= 0; k-- {
		// Ranges without a match are skipped (the tail is unknown).
		if p.bound[k] == 0 && k < last {
			if top < 0 {
				continue
			}
		} else if top < 0 {
			top = min(p.hi(k), hi)
		}
		acc += p.bound[k] * ratio
		bound += p.bound[k]
		guess += min(p.guess[k], p.bound[k]*ratio)
		if acc >= float64(need) {
			lo = p.lo(k)
			break
		}
	}
	if top < 0 {
		return segment{}, false
	}
	rows := float64(top - lo)
	walk := costWalkRow * rows
	if guess > float64(need) {
		walk = costWalkRow * rows * float64(need) / guess
	}
	gin := costPosting*p.total + costFetch*min(acc, p.total) + costBRIN
	// Without the BRIN range, the bitmap fetches every match in the table.
	filter := costPosting*p.total + costFetch*p.total*ratio
	best := min(walk, gin, filter)
	// The block indexes from top's block down: each block's bitmap costs
	// its postings and fetches all its matches.
	if blo, bcost, bacc := p.blockPlan(top, need, ratio); bacc > 0 && (preferBlocks || bcost/bacc < best/max(acc, 1)) {
		p.spent += p.boundIn(blo, top)
		return segment{lo: blo, hi: top, blocks: true}, true
	}
	p.spent += bound
	sg := segment{lo: lo, hi: top}
	switch {
	case walk < min(gin, filter):
		sg.walk = true
	case filter < gin:
		sg.filter = true
	}
	return sg, true
}

// blockPlan returns the lowest seq, the cost and the expected matches of
// scanning the block indexes from the block holding top-1 down, block by
// block, until need matches are expected or a block has no index.
func (p *planner) blockPlan(top int64, need int, ratio float64) (lo int64, cost, acc float64) {
	if p.blockWidth <= 0 || len(p.blocks) == 0 {
		return top, 0, 0
	}
	lo = top
	for b := (top - 1) / p.blockWidth; b >= 0 && p.blocks[b] && acc < float64(need); b-- {
		blo, bhi := b*p.blockWidth, (b+1)*p.blockWidth
		post := p.boundIn(blo, bhi)
		cost += costBlock + costPosting*post + costFetch*post*ratio
		acc += p.boundIn(blo, min(bhi, top)) * ratio
		lo = blo
	}
	return lo, cost, acc
}

// treeShape reads a querytree's positive lexemes and whether it has OR
// and NOT operators.
func treeShape(tree string) (pos []string, or, not bool) {
	for i := 0; i < len(tree); i++ {
		switch tree[i] {
		case '|':
			or = true
		case '!':
			not = true
		case '\'':
			_, i = quotedLexeme(tree, i)
		}
	}
	for lx := range queryLexemes(tree) {
		pos = append(pos, lx)
	}
	slices.Sort(pos) // the planner sums over them: same query, same plan
	return pos, or, not
}

// countedCandidates returns the newest matches of the query text (at most
// window), with their ranks, scanning as the counts of search_counts
// advise; without counts, as candidates does.
func (s *DB) countedCandidates(ctx context.Context, text string, window int) ([]candidate, error) {
	c := searchCounts{lexemes: map[string]bool{}, ndoc: map[string]map[int64]int64{}}
	var (
		looked, lexs []string
		los, ndocs   []int64
	)
	err := s.pool.QueryRow(ctx, `WITH l AS (SELECT tsvector_to_array(to_tsvector('english', $1)) AS lx),
		c AS (SELECT lexeme, lo, ndoc FROM search_counts WHERE lexeme = ANY((SELECT lx FROM l)::text[]))
		SELECT (SELECT coalesce(max(seq), 0) FROM articles), querytree(websearch_to_tsquery('english', $1)),
			(SELECT lx FROM l), r.hi, r.width,
			coalesce((SELECT array_agg(lexeme ORDER BY lexeme, lo) FROM c), '{}'),
			coalesce((SELECT array_agg(lo ORDER BY lexeme, lo) FROM c), '{}'),
			coalesce((SELECT array_agg(ndoc::bigint ORDER BY lexeme, lo) FROM c), '{}')
		FROM (SELECT coalesce(max(hi), 0) AS hi, coalesce(max(hi - lo), 0) AS width FROM search_ranges) r`, text).
		Scan(&c.maxSeq, &c.tree, &looked, &c.counted, &c.width, &lexs, &los, &ndocs)
	if err != nil {
		return nil, err
	}
	if c.maxSeq >= c.counted+max(c.width, countWidth) {
		s.countLater()
	}
	for _, lx := range looked {
		c.lexemes[lx] = true
	}
	for i, lx := range lexs {
		if c.ndoc[lx] == nil {
			c.ndoc[lx] = map[int64]int64{}
		}
		c.ndoc[lx][los[i]] = ndocs[i]
	}
	p := c.planner(window)
	if p != nil && blockWidth > 0 {
		p.blockWidth, p.blocks = blockWidth, s.blocksNow(ctx)
		s.maintainBlocks(c.maxSeq, p.blocks)
	}
	if p == nil {
		var args params
		q := args.add(text)
		return s.candidates(ctx, `tsv @@ websearch_to_tsquery('english', `+q+`)
			AND querytree(websearch_to_tsquery('english', `+q+`)) <> 'T'`, args, window)
	}
	var cands []candidate
	for hi := c.maxSeq + 1; len(cands) < window; {
		sg, ok := p.next(hi, window-len(cands))
		if !ok {
			break
		}
		more, err := s.scanSegment(ctx, text, sg, window-len(cands))
		if err != nil {
			return nil, err
		}
		p.found += float64(len(more))
		cands = append(cands, more...)
		hi = sg.lo
	}
	return cands, nil
}

// scanHook, when set (by tests), sees every segment scanned; with
// preferBlocks (tests) the planner scans block indexes wherever it can.
var (
	scanHook     func(segment)
	preferBlocks bool
)

// scanSegment returns the newest n matches of text in a segment, ranked.
func (s *DB) scanSegment(ctx context.Context, text string, sg segment, n int) ([]candidate, error) {
	if scanHook != nil {
		scanHook(sg)
	}
	// Only the newest n are ranked: in the select list of the same query,
	// the rank would be computed for every row a bitmap scan returns.
	// The statement texts do not change with the segment (its bounds and
	// n are parameters): a text new to a connection costs a round trip to
	// prepare it and, once the statement cache is full, one to drop
	// another. force_custom_plan keeps the plans made for the actual
	// bounds, as literals would.
	const rank = `SELECT seq, ts_rank_cd(tsv, websearch_to_tsquery('english', $1), 1) FROM (`
	const lim = ` ORDER BY seq DESC LIMIT $4) newest ORDER BY seq DESC`
	rng := ` AND seq >= $2 AND seq < $3`
	b := &pgx.Batch{}
	b.Queue(`BEGIN READ ONLY`)
	if sg.blocks {
		// One bitmap scan per block, each of its block's index (whose
		// WHERE the literal bounds match), the segment's bounds checked
		// on the rows (seq + 0: no index's).
		var q strings.Builder
		for blk := (sg.hi - 1) / blockWidth; blk*blockWidth+blockWidth > sg.lo && blk >= 0; blk-- {
			if q.Len() > 0 {
				q.WriteString(` UNION ALL `)
			}
			fmt.Fprintf(&q, `SELECT seq, tsv FROM articles WHERE tsv @@ websearch_to_tsquery('english', $1)
				AND seq >= %d AND seq < %d AND seq + 0 >= $2 AND seq + 0 < $3`, blk*blockWidth, (blk+1)*blockWidth)
		}
		b.Queue(`SET LOCAL plan_cache_mode = force_custom_plan`)
		b.Queue(`SET LOCAL enable_indexscan = off`)
		b.Queue(rank+`SELECT seq, tsv FROM (`+q.String()+`) blocks`+lim, text, sg.lo, sg.hi, n)
	} else if sg.walk {
		// ts_match_vq is @@ in a form no index serves: the primary key
		// walked backwards is the only plan.
		b.Queue(`SET LOCAL plan_cache_mode = force_custom_plan`)
		b.Queue(rank+`SELECT seq, tsv FROM articles
			WHERE ts_match_vq(tsv, websearch_to_tsquery('english', $1))`+rng+lim, text, sg.lo, sg.hi, n)
	} else {
		switch {
		case sg.all:
			rng = ` AND $2::bigint IS NOT NULL AND $3::bigint IS NOT NULL`
		case sg.filter:
			// seq + 0 is no index's: the planner cannot AND a range in.
			rng = ` AND seq + 0 >= $2 AND seq + 0 < $3`
		}
		// The planner prices a tsvector check far below its cost and
		// would walk; one round trip sends the transaction that forbids
		// it.
		b.Queue(`SET LOCAL plan_cache_mode = force_custom_plan`)
		b.Queue(`SET LOCAL enable_indexscan = off`)
		b.Queue(rank+`SELECT seq, tsv FROM articles WHERE tsv @@ websearch_to_tsquery('english', $1)`+rng+lim, text, sg.lo, sg.hi, n)
	}
	b.Queue(`COMMIT`)
	br := s.pool.SendBatch(ctx, b)
	defer br.Close()
	for range b.Len() - 2 {
		if _, err := br.Exec(); err != nil {
			return nil, err
		}
	}
	rows, err := br.Query()
	if err != nil {
		return nil, err
	}
	out, err := readCandidates(rows, n)
	if err != nil {
		return nil, err
	}
	if _, err := br.Exec(); err != nil {
		return nil, err
	}
	return out, br.Close()
}
