// Package tagger is the statistical half of entity recognition: a
// first-order structured perceptron over hashed features with Viterbi
// decoding and BIO tags. It knows nothing of gazetteers; callers pass each
// token's gazetteer label as an extra feature so that the tagger learns
// how far to trust them.
package tagger

import (
	"bufio"
	"compress/gzip"
	"encoding/binary"
	"fmt"
	"io"
	"math"
	"slices"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"
)

// Tags, in the order of the weight vector.
const (
	O = iota
	BPER
	IPER
	BORG
	IORG
	BLOC
	ILOC
	NT // number of tags
)

// TagNames are the BIO names of the tags.
var TagNames = [NT]string{"O", "B-PER", "I-PER", "B-ORG", "I-ORG", "B-LOC", "I-LOC"}

// TagIndex returns the tag index of a BIO name, or O.
func TagIndex(name string) int {
	for i, n := range TagNames {
		if n == name {
			return i
		}
	}
	return O
}

// allowed says whether tag b may follow tag a (a == NT is the start): an
// I- tag continues only its own type.
func allowed(a, b int) bool {
	if b == IPER || b == IORG || b == ILOC {
		return a == b || a == b-1
	}
	return true
}

// Model is a trained tagger. Its weights are read-only after loading, so a
// Model is safe for concurrent use.
type Model struct {
	bits uint
	w    []float32 // bucket*NT + tag, while training
	// q holds a loaded model's quantized weights, bucket*8 + tag (padded
	// to 8 so that a bucket is 16 aligned bytes), each times scale: half
	// the memory of w, which is what decoding speed depends on.
	q     []int16
	scale float32
	trans [NT + 1][NT]float32
	// Clusters are the word classes the features use; nil for none.
	Clusters Clusters
	// Lower holds the words the training text used in lower case: a
	// capitalized word that is none of them is likely a name even where
	// case says nothing, first in a sentence ("Feyenoord 3 Ajax 1",
	// "Yeltsin's spokesman"). Nil for none.
	Lower map[string]struct{}
}

// LearnLower returns the words that sentences use in lower case at least
// min times, for Model.Lower.
func LearnLower(sentences [][]string, min int) map[string]struct{} {
	count := map[string]int{}
	for _, s := range sentences {
		for i, w := range s {
			if i > 0 && w != "" && (w[0] >= 'a' && w[0] <= 'z' || w[0] >= utf8.RuneSelf && unicode.IsLower(firstRune(w))) {
				count[w]++
			}
		}
	}
	out := map[string]struct{}{}
	for w, c := range count {
		if c >= min && !strings.ContainsAny(w, " \n") {
			out[w] = struct{}{}
		}
	}
	return out
}

// New returns an empty model with 2^bits feature buckets.
func New(bits uint) *Model {
	return &Model{bits: bits, w: make([]float32, (1<<bits)*NT)}
}

// Sentence is the input of the tagger: the words of one sentence and, for
// each, its gazetteer label ("" when none).
type Sentence struct {
	Words []string
	Gaz   []string
	// Cls holds each word's class in the caller's word lists ("given",
	// "orgword", "" when none); may be nil.
	Cls []string
	// Doc holds document-level hints per word (for instance that the word
	// also appears capitalized mid-sentence elsewhere); may be nil.
	Doc []string
	// Ctx holds, per word, space-separated context tokens gathered from
	// the word's other occurrences in the document ("p:of n:'s"): one
	// feature each, so that what a name's other mentions say ("president
	// of Chrysler", "Chrysler's plant") informs every mention. May be nil.
	Ctx []string
}

const (
	fnvOffset = 14695981039346656037
	fnvPrime  = 1099511628211
)

type hasher uint64

func newHash(tpl byte) hasher { return hasher((fnvOffset ^ uint64(tpl)) * fnvPrime) }

func (h hasher) num(n uint16) hasher {
	x := uint64(h)
	x ^= uint64(n) + 0x100
	x *= fnvPrime
	return hasher(x)
}

func (h hasher) str(s string) hasher {
	x := uint64(h)
	for i := 0; i < len(s); i++ {
		x ^= uint64(s[i])
		x *= fnvPrime
	}
	x ^= 0xff
	x *= fnvPrime
	return hasher(x)
}

// Features appends the feature buckets of every word of s to buf, one
// slice per word, reusing buf's storage. Training calls it once per
// sentence; Tag computes the same features without keeping them.
func (m *Model) Features(s *Sentence, buf [][]uint32) [][]uint32 {
	st := scratchPool.Get().(*scratch)
	defer scratchPool.Put(st)
	m.features(s, st)
	n := len(s.Words)
	for len(buf) < n {
		buf = append(buf, nil)
	}
	buf = buf[:n]
	for i := range n {
		buf[i] = append(buf[i][:0], st.flat[st.offs[i]:st.offs[i+1]]...)
	}
	return buf
}

// Tag returns the best tag sequence for one sentence, appended to out[:0].
// It is Features followed by Decode without materializing a slice per
// word, which is where extraction spends its time.
func (m *Model) Tag(s *Sentence, out []int) []int {
	st := scratchPool.Get().(*scratch)
	defer scratchPool.Put(st)
	m.features(s, st)
	n := len(s.Words)
	st.grow(n)
	m.scoresFlat(st.flat, st.offs, st.sc[:n])
	return m.viterbi(st.sc[:n], st.back[:n], nil, out)
}

// Hashes of the padding words and of a missing gazetteer label, which
// every sentence needs.
var (
	hStart = uint64(newHash(0).str("<s>"))
	hEnd   = uint64(newHash(0).str("</s>"))
	hNoGaz = uint64(newHash(0).str("-"))
)

func (h hasher) bytes(s []byte) hasher {
	x := uint64(h)
	for _, c := range s {
		x ^= uint64(c)
		x *= fnvPrime
	}
	x ^= 0xff
	x *= fnvPrime
	return hasher(x)
}

// features computes the feature buckets of every word of s into st.flat,
// word i's at st.flat[st.offs[i]:st.offs[i+1]]. Words are lower-cased into
// one reused arena and hashed as bytes, so that a sentence costs no
// allocation once the scratch has grown.
func (m *Model) features(s *Sentence, st *scratch) {
	n := len(s.Words)
	st.hl = resize(st.hl, n+4)
	st.hs = resize(st.hs, n+4)
	st.hg = resize(st.hg, n+4)
	st.hc = resize(st.hc, n+4)
	st.lowOff = resize(st.lowOff, n+1)
	hl, hs, hg, hc := st.hl, st.hs, st.hg, st.hc
	low := st.low[:0]
	var shape [16]byte
	for k := range n + 4 {
		i := k - 2
		switch {
		case i < 0:
			hl[k], hs[k], hg[k], hc[k] = hStart, hStart, hNoGaz, hNoGaz
			continue
		case i >= n:
			hl[k], hs[k], hg[k], hc[k] = hEnd, hEnd, hNoGaz, hNoGaz
			continue
		}
		w := s.Words[i]
		st.lowOff[i] = int32(len(low))
		low = appendLower(low, w)
		hl[k] = uint64(newHash(0).bytes(low[st.lowOff[i]:]))
		hs[k] = uint64(newHash(0).bytes(shape[:shapeBytes(w, &shape)]))
		if s.Gaz == nil {
			hg[k] = hNoGaz
		} else {
			hg[k] = uint64(newHash(0).str(s.Gaz[i]))
		}
		if s.Cls == nil || s.Cls[i] == "" {
			hc[k] = hNoGaz
		} else {
			hc[k] = uint64(newHash(0).str(s.Cls[i]))
		}
	}
	st.lowOff[n] = int32(len(low))
	st.low = low
	// Runs of capitalized words, joined by "of", "and", "for", "the",
	// "&" ("Bank of England", "Toronto Blue Jays"): each word sees the
	// class of the run's first and last words, so that "Party" in
	// "Ontario Liberal Party" tells "Ontario" it opens an organization.
	// In a headline in title case every word is capitalized and runs
	// say nothing.
	st.runs = resize(st.runs, 2*n)
	title := TitleCased(s.Words)
	for i := 0; i < n; {
		if title || !isCapWord(s.Words[i]) {
			st.runs[2*i], st.runs[2*i+1] = -1, -1
			i++
			continue
		}
		j := i + 1
		for j < n {
			if isCapWord(s.Words[j]) {
				j++
			} else if j+1 < n && isJoiner(s.Words[j]) && isCapWord(s.Words[j+1]) {
				j += 2
			} else {
				break
			}
		}
		for k := i; k < j; k++ {
			st.runs[2*k], st.runs[2*k+1] = int32(i), int32(j-1)
		}
		i = j
	}
	mask := uint64(1)<<m.bits - 1
	f := st.flat[:0]
	st.offs = resize(st.offs, n+1)
	for i, w := range s.Words {
		st.offs[i] = int32(len(f))
		add := func(x uint64) { f = append(f, uint32(mix(x)&mask)) }
		k := i + 2
		lw := low[st.lowOff[i]:st.lowOff[i+1]]
		add(1)
		add(uint64(newHash(1).str(w)))
		add(hl[k] ^ 2<<56)
		add(hs[k] ^ 3<<56)
		runes := len(lw)
		if !isASCIIBytes(lw) {
			runes = utf8.RuneCount(lw)
		}
		for n := 2; n <= 4; n++ {
			if runes <= n {
				break
			}
			add(uint64(newHash(byte(4 + n)).bytes(suffixBytes(lw, n, runes))))
			add(uint64(newHash(byte(10 + n)).bytes(prefixBytes(lw, n, runes))))
		}
		initCap := len(w) > 0 && unicode.IsUpper(firstRune(w))
		if i == 0 {
			add(hs[k] ^ 16<<56)
		}
		if initCap && i > 0 {
			add(17 << 56)
		}
		if initCap && m.Lower != nil {
			_, known := m.Lower[string(lw)]
			// Where the sentence, or its text after numbers and
			// punctuation, starts, case says nothing by itself.
			start := i == 0 || !isWordStart(s.Words[i-1])
			v := uint64(50)
			if known {
				v++
			}
			if start {
				v += 2
			}
			add(v << 56)
			add(pair(v, hs[k]) ^ 54<<56)
		}
		add(hl[k-1] ^ 18<<56)
		add(hl[k+1] ^ 19<<56)
		add(hl[k-2] ^ 20<<56)
		add(hl[k+2] ^ 21<<56)
		add(hs[k-1] ^ 22<<56)
		add(hs[k+1] ^ 23<<56)
		add(pair(hl[k-1], hl[k]) ^ 24<<56)
		add(pair(hl[k], hl[k+1]) ^ 25<<56)
		add(pair(pair(hs[k-1], hs[k]), hs[k+1]) ^ 26<<56)
		add(hg[k] ^ 27<<56)
		add(hg[k-1] ^ 28<<56)
		add(hg[k+1] ^ 29<<56)
		add(pair(hg[k], hs[k]) ^ 30<<56)
		add(hc[k] ^ 40<<56)
		add(hc[k-1] ^ 41<<56)
		add(hc[k+1] ^ 42<<56)
		add(pair(hc[k], hs[k]) ^ 43<<56)
		if a, b := int(st.runs[2*i]), int(st.runs[2*i+1]); a >= 0 {
			// Where in its run the word is, and how long the run is.
			pos := uint64(0)
			if i > a {
				pos++
			}
			if i < b {
				pos += 2
			}
			add((58+pos)<<56 | uint64(min(b-a, 4)))
		}
		if a, b := int(st.runs[2*i]), int(st.runs[2*i+1]); a >= 0 && b > a {
			if b > i {
				add(hc[b+2] ^ 44<<56)
				add(hg[b+2] ^ 45<<56)
			}
			if a < i {
				add(hc[a+2] ^ 46<<56)
				add(hg[a+2] ^ 47<<56)
			}
		}
		add(pair(hl[k-1], hs[k]) ^ 31<<56)
		add(pair(hs[k], hl[k+1]) ^ 32<<56)
		if m.Clusters != nil {
			if c0, ok := m.Clusters[string(lw)]; ok {
				add(uint64(newHash(35).num(c0[0])))
				add(uint64(newHash(36).num(c0[1])))
				add(pair(uint64(newHash(37).num(c0[1])), hs[k]))
			} else {
				add(hs[k] ^ 38<<56)
			}
		}
		if s.Doc != nil && s.Doc[i] != "" {
			hd := uint64(newHash(33).str(s.Doc[i]))
			add(hd)
			add(pair(hd, hs[k]) ^ 34<<56)
		}
		if s.Ctx != nil && s.Ctx[i] != "" {
			c := s.Ctx[i]
			for c != "" {
				tok := c
				if sp := strings.IndexByte(c, ' '); sp >= 0 {
					tok, c = c[:sp], c[sp+1:]
				} else {
					c = ""
				}
				if tok != "" {
					add(uint64(newHash(39).str(tok)))
				}
			}
		}
	}
	st.offs[n] = int32(len(f))
	st.flat = f
}

// isCapWord reports whether w starts with a capital letter.
func isCapWord(w string) bool {
	if w == "" {
		return false
	}
	if c := w[0]; c < utf8.RuneSelf {
		return c >= 'A' && c <= 'Z'
	}
	return unicode.IsUpper(firstRune(w))
}

// TitleCased reports whether a sentence capitalizes seven in ten of its
// words of four letters or more and does not end as a sentence does, as
// headlines in title case do ("Russia Urges Iraq and Syria to Seek
// Emergency UN Security Council session").
func TitleCased(words []string) bool {
	long, caps := 0, 0
	for _, w := range words {
		if !isWordStart(w) || len(w) < 4 {
			continue
		}
		long++
		if isCapWord(w) {
			caps++
		}
	}
	return long >= 4 && caps*10 >= long*7 && !endsSentence(words)
}

// endsSentence reports whether words end with a full stop, a question or
// an exclamation mark, maybe inside quotes: headlines do not, and a
// sentence that does is prose however many names it has.
func endsSentence(words []string) bool {
	for k := len(words) - 1; k >= 0; k-- {
		switch words[k] {
		case ".", "!", "?", "...", "…":
			return true
		case "\"", "”", "’", "'", ")":
			continue
		}
		w := words[k]
		return strings.HasSuffix(w, ".") || strings.HasSuffix(w, "!") || strings.HasSuffix(w, "?")
	}
	return false
}

// isWordStart reports whether w begins with a letter.
func isWordStart(w string) bool {
	return w != "" && unicode.IsLetter(firstRune(w))
}

// isJoiner reports whether w joins the capitalized words of one name.
func isJoiner(w string) bool {
	switch w {
	case "of", "and", "for", "the", "&", "de", "du", "del", "la", "von", "van":
		return true
	}
	return false
}

func resize[T any](s []T, n int) []T {
	if cap(s) < n {
		return make([]T, n)
	}
	return s[:n]
}

// appendLower appends w lower-cased as lowerASCII would return it.
func appendLower(b []byte, w string) []byte {
	for i := 0; i < len(w); i++ {
		c := w[i]
		if c >= 0x80 {
			return append(b[:len(b)-i], strings.ToLower(w)...)
		}
		if c >= 'A' && c <= 'Z' {
			c += 'a' - 'A'
		}
		b = append(b, c)
	}
	return b
}

func isASCIIBytes(b []byte) bool {
	for _, c := range b {
		if c >= 0x80 {
			return false
		}
	}
	return true
}

// suffixBytes returns the last k runes of s, which has runes runes.
func suffixBytes(s []byte, k, runes int) []byte {
	if runes == len(s) {
		return s[len(s)-k:]
	}
	i := len(s)
	for ; k > 0; k-- {
		_, size := utf8.DecodeLastRune(s[:i])
		i -= size
	}
	return s[i:]
}

// prefixBytes returns the first k runes of s, which has runes runes.
func prefixBytes(s []byte, k, runes int) []byte {
	if runes == len(s) {
		return s[:k]
	}
	i := 0
	for ; k > 0; k-- {
		_, size := utf8.DecodeRune(s[i:])
		i += size
	}
	return s[:i]
}

// lowerASCII lower-cases w without allocating when it already is.
func lowerASCII(w string) string {
	for i := 0; i < len(w); i++ {
		if c := w[i]; c >= 0x80 || c >= 'A' && c <= 'Z' {
			return strings.ToLower(w)
		}
	}
	return w
}

// mix scrambles a combined hash so that its low bits, which pick the
// bucket, depend on all of it (the splitmix64 finalizer).
func mix(x uint64) uint64 {
	x ^= x >> 30
	x *= 0xbf58476d1ce4e5b9
	x ^= x >> 27
	x *= 0x94d049bb133111eb
	x ^= x >> 31
	return x
}

// pair combines two hashes order-sensitively.
func pair(a, b uint64) uint64 { return mix(a)*31 + b }

func firstRune(s string) rune {
	r, _ := utf8.DecodeRuneInString(s)
	return r
}

// Shape maps a word to its collapsed character classes: "Polyanskiy" →
// "Xx", "U.S." → "X.X.", "2024" → "d", "al-Awadi" → "x-Xx".
func Shape(w string) string {
	var b [16]byte
	return string(b[:shapeBytes(w, &b)])
}

// shapeBytes writes w's shape into b and returns its length.
func shapeBytes(w string, b *[16]byte) int {
	n := 0
	var last byte
	for i := 0; i < len(w); i++ {
		var c byte
		if r := w[i]; r < utf8.RuneSelf {
			switch {
			case r >= 'A' && r <= 'Z':
				c = 'X'
			case r >= 'a' && r <= 'z':
				c = 'x'
			case r >= '0' && r <= '9':
				c = 'd'
			default:
				c = r
			}
		} else {
			r, size := utf8.DecodeRuneInString(w[i:])
			i += size - 1
			switch {
			case unicode.IsUpper(r):
				c = 'X'
			case unicode.IsLower(r):
				c = 'x'
			case unicode.IsDigit(r):
				c = 'd'
			case unicode.IsLetter(r):
				c = 'L' // scripts without case
			default:
				c = '*'
			}
		}
		if c == last {
			continue
		}
		last = c
		if n < len(b) {
			b[n] = c
			n++
		}
	}
	return n
}

// scores fills sc[i][t] with the emission score of tag t at word i.
func (m *Model) scores(feats [][]uint32, sc [][NT]float32) {
	for i, f := range feats {
		sc[i] = m.score(f)
	}
}

// scoresFlat is scores over features laid out as features leaves them.
func (m *Model) scoresFlat(flat []uint32, offs []int32, sc [][NT]float32) {
	for i := range sc {
		sc[i] = m.score(flat[offs[i]:offs[i+1]])
	}
}

// score sums the weights of one word's features.
func (m *Model) score(f []uint32) [NT]float32 {
	var out [NT]float32
	if m.q != nil {
		var s [8]int32
		q := m.q
		for _, b := range f {
			ws := q[int(b)*8 : int(b)*8+8 : int(b)*8+8]
			s[0] += int32(ws[0])
			s[1] += int32(ws[1])
			s[2] += int32(ws[2])
			s[3] += int32(ws[3])
			s[4] += int32(ws[4])
			s[5] += int32(ws[5])
			s[6] += int32(ws[6])
		}
		for t := range NT {
			out[t] = float32(s[t]) * m.scale
		}
		return out
	}
	for _, b := range f {
		ws := m.w[int(b)*NT : int(b)*NT+NT]
		for t := range NT {
			out[t] += ws[t]
		}
	}
	return out
}

// scratch is the working memory of feature extraction and decoding,
// pooled because both run once a sentence.
type scratch struct {
	sc     [][NT]float32
	back   [][NT]int8
	hl     []uint64 // hashes of lower-cased words, index shifted by 2
	hs     []uint64 // of shapes
	hg     []uint64 // of gazetteer labels
	hc     []uint64 // of word classes
	runs   []int32  // first and last word of each word's run of capitalized words; -1 outside
	low    []byte   // lower-cased words, word i at low[lowOff[i]:lowOff[i+1]]
	lowOff []int32
	flat   []uint32 // features, word i's at flat[offs[i]:offs[i+1]]
	offs   []int32
}

func (st *scratch) grow(n int) {
	if cap(st.sc) < n {
		st.sc = make([][NT]float32, n)
		st.back = make([][NT]int8, n)
	}
}

var scratchPool = sync.Pool{New: func() any { return new(scratch) }}

// Decode returns the best tag sequence for the features of one sentence.
func (m *Model) Decode(feats [][]uint32, out []int) []int {
	return m.decode(feats, nil, out)
}

// decode is Decode with some tags fixed: fixed[i] >= 0 forces word i's
// tag (nil fixes none).
func (m *Model) decode(feats [][]uint32, fixed []int, out []int) []int {
	n := len(feats)
	if n == 0 {
		return out[:0]
	}
	st := scratchPool.Get().(*scratch)
	defer scratchPool.Put(st)
	st.grow(n)
	m.scores(feats, st.sc[:n])
	return m.viterbi(st.sc[:n], st.back[:n], fixed, out)
}

// viterbi returns the best tag sequence for emission scores sc, using
// back as working memory; fixed as for decode.
func (m *Model) viterbi(sc [][NT]float32, back [][NT]int8, fixed []int, out []int) []int {
	n := len(sc)
	out = out[:0]
	if n == 0 {
		return out
	}
	if fixed != nil {
		neg := float32(math.Inf(-1))
		for i, f := range fixed {
			if f < 0 {
				continue
			}
			for t := range NT {
				if t != f {
					sc[i][t] = neg
				}
			}
		}
	}
	var prev, cur [NT]float32
	neg := float32(math.Inf(-1))
	for t := range NT {
		if allowed(NT, t) {
			prev[t] = m.trans[NT][t] + sc[0][t]
		} else {
			prev[t] = neg
		}
	}
	// An I- tag follows only B- or I- of its type; the others follow
	// anything. Forbidden and impossible paths score -Inf, so plain
	// maximums need no tests.
	tr := &m.trans
	for i := 1; i < n; i++ {
		sci, bi := &sc[i], &back[i]
		for _, t := range [...]int{O, BPER, BORG, BLOC} {
			best, arg := neg, 0
			for p := range NT {
				if v := prev[p] + tr[p][t]; v > best {
					best, arg = v, p
				}
			}
			cur[t] = best + sci[t]
			bi[t] = int8(arg)
		}
		for _, t := range [...]int{IPER, IORG, ILOC} {
			best, arg := prev[t-1]+tr[t-1][t], t-1
			if v := prev[t] + tr[t][t]; v > best {
				best, arg = v, t
			}
			if best == neg {
				arg = 0
			}
			cur[t] = best + sci[t]
			bi[t] = int8(arg)
		}
		prev = cur
	}
	best, arg := neg, 0
	for t := range NT {
		if prev[t] > best {
			best, arg = prev[t], t
		}
	}
	out = slices.Grow(out, n)[:n]
	out[n-1] = arg
	for i := n - 1; i > 0; i-- {
		out[i-1] = int(back[i][out[i]])
	}
	return out
}

// Trainer learns a Model with the averaged structured perceptron.
type Trainer struct {
	M      *Model
	acc    []float32
	ts     []int32
	tacc   [NT + 1][NT]float32
	tts    [NT + 1][NT]int32
	step   int32
	Errors int
}

// NewTrainer starts training a model with 2^bits buckets.
func NewTrainer(bits uint) *Trainer {
	m := New(bits)
	return &Trainer{M: m, acc: make([]float32, len(m.w)), ts: make([]int32, len(m.w))}
}

func (tr *Trainer) upd(i int, d float32) {
	tr.acc[i] += float32(tr.step-tr.ts[i]) * tr.M.w[i]
	tr.ts[i] = tr.step
	tr.M.w[i] += d
}

func (tr *Trainer) updT(a, b int, d float32) {
	tr.tacc[a][b] += float32(tr.step-tr.tts[a][b]) * tr.M.trans[a][b]
	tr.tts[a][b] = tr.step
	tr.M.trans[a][b] += d
}

// Learn decodes one sentence and updates the weights towards gold when the
// prediction is wrong. A gold tag of -1 marks a word whose tag nobody
// annotated (corpora that annotate only some entities): the model's own
// best guess consistent with the known tags stands in for it.
func (tr *Trainer) Learn(feats [][]uint32, gold []int) {
	tr.step++
	pred := tr.M.Decode(feats, nil)
	if slices.Contains(gold, -1) {
		gold = tr.M.decode(feats, gold, nil)
	}
	wrong := false
	for i := range gold {
		if pred[i] != gold[i] {
			wrong = true
			break
		}
	}
	if !wrong {
		return
	}
	tr.Errors++
	pg, pp := NT, NT
	for i := range gold {
		g, p := gold[i], pred[i]
		if g != p {
			for _, b := range feats[i] {
				tr.upd(int(b)*NT+g, 1)
				tr.upd(int(b)*NT+p, -1)
			}
		}
		if g != p || pg != pp {
			tr.updT(pg, g, 1)
			tr.updT(pp, p, -1)
		}
		pg, pp = g, p
	}
}

// Average replaces the weights by their average over all steps, which is
// what makes the perceptron generalize; call it once, after the last epoch.
func (tr *Trainer) Average() {
	T := float32(tr.step) + 1
	for i := range tr.M.w {
		tr.acc[i] += float32(tr.step-tr.ts[i]) * tr.M.w[i]
		tr.M.w[i] = tr.acc[i] / T
	}
	for a := range tr.M.trans {
		for b := range tr.M.trans[a] {
			tr.tacc[a][b] += float32(tr.step-tr.tts[a][b]) * tr.M.trans[a][b]
			tr.M.trans[a][b] = tr.tacc[a][b] / T
		}
	}
}

const magic = "PXNER1"

// maxBits bounds the feature table a model file may ask for (2^22 buckets
// are 64 MB of weights; the shipped model has 2^19).
const maxBits = 22

// Save writes the model gzip-compressed, weights quantized to int16 with
// one scale: the precision lost is far below what changes a decision, and
// the file shrinks to a size that is reasonable to embed.
func (m *Model) Save(w io.Writer) error {
	if m.w == nil {
		return fmt.Errorf("save model: only a trained model can be saved")
	}
	zw, err := gzip.NewWriterLevel(w, gzip.BestCompression)
	if err != nil {
		return err
	}
	bw := bufio.NewWriter(zw)
	var max float32
	for _, v := range m.w {
		if a := float32(math.Abs(float64(v))); a > max {
			max = a
		}
	}
	scale := max / 32767
	if scale == 0 {
		scale = 1
	}
	bw.WriteString(magic)
	binary.Write(bw, binary.LittleEndian, uint32(m.bits))
	binary.Write(bw, binary.LittleEndian, scale)
	binary.Write(bw, binary.LittleEndian, m.trans)
	q := make([]int16, len(m.w))
	for i, v := range m.w {
		q[i] = int16(math.Round(float64(v / scale)))
	}
	binary.Write(bw, binary.LittleEndian, q)
	cl := m.Clusters.encode()
	binary.Write(bw, binary.LittleEndian, uint32(len(cl)))
	bw.WriteString(cl)
	low := make([]string, 0, len(m.Lower))
	for w := range m.Lower {
		low = append(low, w)
	}
	slices.Sort(low)
	lw := strings.Join(low, "\n")
	binary.Write(bw, binary.LittleEndian, uint32(len(lw)))
	bw.WriteString(lw)
	if err := bw.Flush(); err != nil {
		return err
	}
	return zw.Close()
}

// Load reads a model written by Save.
func Load(r io.Reader) (*Model, error) {
	zr, err := gzip.NewReader(r)
	if err != nil {
		return nil, fmt.Errorf("open model: %w", err)
	}
	br := bufio.NewReader(zr)
	head := make([]byte, len(magic))
	if _, err := io.ReadFull(br, head); err != nil || string(head) != magic {
		return nil, fmt.Errorf("read model: not a tagger model")
	}
	var bits uint32
	var scale float32
	if err := binary.Read(br, binary.LittleEndian, &bits); err != nil || bits < 4 || bits > maxBits {
		return nil, fmt.Errorf("read model: bad size")
	}
	m := &Model{bits: uint(bits)}
	binary.Read(br, binary.LittleEndian, &scale)
	if err := binary.Read(br, binary.LittleEndian, &m.trans); err != nil {
		return nil, fmt.Errorf("read model transitions: %w", err)
	}
	// Weights go straight into their padded buckets: no second copy of
	// the table while loading.
	m.scale = scale
	m.q = make([]int16, (1<<bits)*8)
	var buf [NT * 2]byte
	for b := range 1 << bits {
		if _, err := io.ReadFull(br, buf[:]); err != nil {
			return nil, fmt.Errorf("read model weights: %w", err)
		}
		for t := range NT {
			m.q[b*8+t] = int16(binary.LittleEndian.Uint16(buf[2*t:]))
		}
	}
	var n uint32
	if err := binary.Read(br, binary.LittleEndian, &n); err == nil && n > 0 && n < 1<<26 {
		b := make([]byte, n)
		if _, err := io.ReadFull(br, b); err != nil {
			return nil, fmt.Errorf("read model clusters: %w", err)
		}
		m.Clusters = decodeClusters(string(b))
	}
	if err := binary.Read(br, binary.LittleEndian, &n); err == nil && n > 0 && n < 1<<26 {
		b := make([]byte, n)
		if _, err := io.ReadFull(br, b); err != nil {
			return nil, fmt.Errorf("read model vocabulary: %w", err)
		}
		m.Lower = map[string]struct{}{}
		for w := range strings.SplitSeq(string(b), "\n") {
			if w != "" {
				m.Lower[w] = struct{}{}
			}
		}
	}
	return m, nil
}
