// Command train rebuilds the entity tagger's model from the openly licensed
// corpora in the shared data folder: wikigold (CoNLL IOB1), the Broad
// Twitter Corpus (train and dev; its test part stays held out), re3d
// (press releases on the Syria/Iraq conflict, JSON lines with character
// offsets), ECB+ (news, the sentences its CSV lists as annotated),
// MEANTIME (Wikinews, NAM entity mentions) and ECB+ articles annotated in
// full for Parallax (testdata/entity/ecbnews, CoNLL; they replace those
// articles' partial ECB+ annotation). In the corpora that annotate
// only some entities (re3d, ECB+, MEANTIME) a capitalized word outside
// every annotation is of unknown tag, and training lets the model choose
// it (partial-label structured perceptron).
//
// Usage:
//
//	go run ./extract/entity/internal/train -data ../shared/data -o extract/entity/data/model.bin.gz
//	go run ./extract/entity/internal/train -data ../shared/data -exclude meantime -o no-meantime.bin.gz
//
// The second form leaves a corpus out, to score it honestly with
// "parallax eval ner -model no-meantime.bin.gz". To score the fully
// annotated news, hold a file of it out of every corpus:
//
//	go run ./extract/entity/internal/train -data ../shared/data -news testdata/entity/ecbnews/a.conll,testdata/entity/ecbnews/c.conll,testdata/entity/ecbnews/d.conll -holdout testdata/entity/ecbnews/b.conll -o no-b.bin.gz
//
// Training is deterministic:
// sentences are shuffled with a fixed seed; it takes about ten seconds.
package main

import (
	"bufio"
	"encoding/json"
	"encoding/xml"
	"flag"
	"fmt"
	"maps"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/parallax-news/parallax/eval"
	"github.com/parallax-news/parallax/extract"
	"github.com/parallax-news/parallax/extract/entity"
	"github.com/parallax-news/parallax/extract/entity/internal/tagger"
)

// unlabeled collects the sentences of every corpus read, labeled or not,
// for learning word clusters.
var unlabeled [][]string

// lowerMin is the -lower flag.
var lowerMin int

// doc is one training document: sentences of words and their gold tags.
type doc struct {
	corpus string
	words  [][]string
	tags   [][]int
}

func main() {
	data := flag.String("data", "../shared/data", "the shared data folder")
	out := flag.String("o", "extract/entity/data/model.bin.gz", "model file to write")
	exclude := flag.String("exclude", "", "comma-separated corpora to leave out (wikigold, btc, re3d, ecbplus, meantime)")
	epochs := flag.Int("epochs", 10, "training epochs")
	bits := flag.Uint("bits", 19, "log2 of the number of feature buckets (19: 8 MB of weights in memory; 18 scored lower on every held-out set)")
	weights := flag.String("weight", "", "comma-separated corpus=N: show that corpus's sentences N times an epoch")
	clusters := flag.Bool("clusters", false, "learn word clusters from the corpora's text (they did not help on held-out data: off)")
	flag.IntVar(&lowerMin, "lower", 2, "words used in lower case this often in the corpora's text form the model's lower-case vocabulary (0: none)")
	seed := flag.Uint64("seed", 1, "seed of the sentence shuffle (other seeds show how much a score owes to chance)")
	news := flag.String("news", "testdata/entity/ecbnews/a.conll,testdata/entity/ecbnews/b.conll,testdata/entity/ecbnews/c.conll,testdata/entity/ecbnews/d.conll", "comma-separated CoNLL files of fully annotated news (\"\": none)")
	flag.StringVar(&holdout, "holdout", "", "comma-separated CoNLL files of ECB+ documents to leave out of every corpus, to score them")
	flag.Parse()
	if err := run(*data, *news, *out, *exclude, *weights, *epochs, *bits, *clusters, *seed); err != nil {
		fmt.Fprintln(os.Stderr, "train:", err)
		os.Exit(1)
	}
}

// holdout lists CoNLL files (-holdout) whose documents no corpus may train
// on.
var holdout string

func run(data, news, out, exclude, weights string, epochs int, bits uint, clusters bool, seed uint64) error {
	weight := map[string]int{}
	for _, w := range strings.Split(weights, ",") {
		if c, n, ok := strings.Cut(w, "="); ok {
			weight[c], _ = strconv.Atoi(n)
		}
	}
	skip := map[string]bool{}
	for _, c := range strings.Split(exclude, ",") {
		skip[strings.TrimSpace(c)] = true
	}
	var docs []doc
	add := func(name string, load func() ([]doc, error)) error {
		if skip[name] {
			return nil
		}
		ds, err := load()
		if err != nil {
			return fmt.Errorf("load %s: %w", name, err)
		}
		n := 0
		for _, d := range ds {
			n += len(d.words)
		}
		fmt.Fprintf(os.Stderr, "%s: %d documents, %d sentences\n", name, len(ds), n)
		docs = append(docs, ds...)
		return nil
	}
	if err := add("wikigold", func() ([]doc, error) {
		return conll("wikigold", filepath.Join(data, "ner/wikigold/wikigold.conll.txt"), 40)
	}); err != nil {
		return err
	}
	// Tweets are unrelated texts, but grouping them by 40 as wikigold's
	// paragraphs trained better taggers for news than one tweet a document.
	if err := add("btc", func() ([]doc, error) {
		a, err := conll("btc", filepath.Join(data, "ner/btc/btc.train"), 40)
		if err != nil {
			return nil, err
		}
		b, err := conll("btc", filepath.Join(data, "ner/btc/btc.dev"), 40)
		return append(a, b...), err
	}); err != nil {
		return err
	}
	if err := add("re3d", func() ([]doc, error) { return re3d(filepath.Join(data, "re3d")) }); err != nil {
		return err
	}
	// ECB+ documents held out (-holdout) train nothing; news fully
	// annotated for Parallax (testdata/entity/ecbnews) replaces the
	// partial ECB+ annotation of its documents.
	held := map[string]bool{}
	for _, p := range strings.Split(holdout, ",") {
		if p == "" {
			continue
		}
		nds, err := readCoNLL(p)
		if err != nil {
			return err
		}
		for _, d := range nds {
			held[d.Name] = true
		}
	}
	full := maps.Clone(held)
	for _, p := range strings.Split(news, ",") {
		if p == "" {
			continue
		}
		if err := add("news", func() ([]doc, error) {
			nds, err := readCoNLL(p)
			var out []doc
			for _, d := range nds {
				if held[d.Name] {
					continue
				}
				full[d.Name] = true
				unlabeled = append(unlabeled, d.Sentences...)
				out = append(out, fromNER("news", d, nil))
			}
			return out, err
		}); err != nil {
			return err
		}
	}
	if err := add("ecbplus", func() ([]doc, error) { return ecbplus(filepath.Join(data, "ecbplus"), full) }); err != nil {
		return err
	}
	if err := add("meantime", func() ([]doc, error) {
		return meantime(filepath.Join(data, "meantime/intra_cross-doc_annotation"))
	}); err != nil {
		return err
	}
	if len(docs) == 0 {
		return fmt.Errorf("no training data under %s", data)
	}

	// Features are fixed per sentence: compute them once.
	type sent struct {
		feats [][]uint32
		gold  []int
	}
	tr := tagger.NewTrainer(bits)
	if clusters {
		t0 := time.Now()
		tr.M.Clusters = tagger.LearnClusters(unlabeled, 64, 256)
		fmt.Fprintf(os.Stderr, "clusters: %d words from %d sentences (%s)\n", len(tr.M.Clusters), len(unlabeled), time.Since(t0).Round(time.Second))
	}
	if lowerMin > 0 {
		tr.M.Lower = tagger.LearnLower(unlabeled, lowerMin)
		fmt.Fprintf(os.Stderr, "lower-case vocabulary: %d words\n", len(tr.M.Lower))
	}
	var sents []sent
	for _, d := range docs {
		for i, ts := range entity.TaggerSentences(d.words, tr.M.Lower) {
			f := tr.M.Features(&ts, nil)
			for range max(1, weight[d.corpus]) {
				sents = append(sents, sent{f, d.tags[i]})
			}
		}
	}
	rng := rand.New(rand.NewPCG(seed, 2))
	start := time.Now()
	for e := range epochs {
		rng.Shuffle(len(sents), func(i, j int) { sents[i], sents[j] = sents[j], sents[i] })
		tr.Errors = 0
		for _, s := range sents {
			tr.Learn(s.feats, s.gold)
		}
		fmt.Fprintf(os.Stderr, "epoch %d: %d/%d sentences wrong (%s)\n", e+1, tr.Errors, len(sents), time.Since(start).Round(time.Second))
	}
	tr.Average()
	f, err := os.Create(out)
	if err != nil {
		return err
	}
	if err := tr.M.Save(f); err != nil {
		f.Close()
		return fmt.Errorf("write model: %w", err)
	}
	return f.Close()
}

// tagsOf turns spans over a sentence's words into BIO tag indices.
func tagsOf(n int, spans []eval.NERSpan) []int {
	tags := make([]int, n)
	for _, sp := range spans {
		b := tagger.TagIndex("B-" + sp.Type)
		if b == tagger.O {
			continue
		}
		for i := sp.Start; i < sp.End && i < n; i++ {
			if i == sp.Start {
				tags[i] = b
			} else {
				tags[i] = b + 1
			}
		}
	}
	return tags
}

func fromNER(corpus string, d eval.NERDoc, extra []eval.NERSpan) doc {
	out := doc{corpus: corpus, words: d.Sentences}
	per := make([][]eval.NERSpan, len(d.Sentences))
	for _, sp := range append(slices.Clone(d.Spans), extra...) {
		per[sp.Sent] = append(per[sp.Sent], sp)
	}
	for s, words := range d.Sentences {
		out.tags = append(out.tags, tagsOf(len(words), per[s]))
	}
	return out
}

// readCoNLL reads a CoNLL file; "-DOCSTART- NAME" lines name its
// documents.
func readCoNLL(path string) ([]eval.NERDoc, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return eval.ReadCoNLL(f, path)
}

func conll(corpus, path string, chunk int) ([]doc, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	nds, err := eval.ReadCoNLL(f, path)
	if err != nil {
		return nil, err
	}
	var out []doc
	for _, d := range nds {
		unlabeled = append(unlabeled, d.Sentences...)
		// CoNLL files without document breaks are one long "document";
		// cut them into chunks so that document hints stay local.
		for i := 0; i < len(d.Sentences); i += chunk {
			j := min(i+chunk, len(d.Sentences))
			part := eval.NERDoc{Sentences: d.Sentences[i:j]}
			for _, sp := range d.Spans {
				if sp.Sent >= i && sp.Sent < j {
					sp.Sent -= i
					part.Spans = append(part.Spans, sp)
				}
			}
			out = append(out, fromNER(corpus, part, nil))
		}
	}
	return out, nil
}

func meantime(dir string) ([]doc, error) {
	files, _ := filepath.Glob(filepath.Join(dir, "*/*.xml"))
	var out []doc
	for _, p := range files {
		f, err := os.Open(p)
		if err != nil {
			return nil, err
		}
		d, err := eval.ReadMeantime(f, p)
		f.Close()
		if err != nil {
			return nil, err
		}
		unlabeled = append(unlabeled, d.Sentences...)
		// Pre-modifier names ("U.S." in "U.S. automaker") are names in
		// CoNLL terms: train on them.
		var extra []eval.NERSpan
		for _, sp := range d.Ignored {
			if sp.Type == "PER" || sp.Type == "ORG" || sp.Type == "LOC" {
				if i, j, ok := eval.NameCore(d.Sentences[sp.Sent][sp.Start:sp.End], sp.Type); ok {
					sp.Start, sp.End = sp.Start+i, sp.Start+j
					extra = append(extra, sp)
				}
			}
		}
		full := fromNER("meantime", d, extra)
		// MEANTIME annotates only the entities of its events: a name-like
		// word outside its annotations is of unknown tag, or the tagger
		// would learn that names are not names.
		cov := make([][]bool, len(d.Sentences))
		for s := range d.Sentences {
			cov[s] = make([]bool, len(d.Sentences[s]))
		}
		for _, group := range [][]eval.NERSpan{d.Spans, d.Ignored, d.Annotated} {
			for _, sp := range group {
				for i := sp.Start; i < sp.End; i++ {
					cov[sp.Sent][i] = true
				}
			}
		}
		for s, words := range full.words {
			markUnknown(words, cov[s], full.tags[s])
		}
		out = append(out, full)
	}
	return out, nil
}

// ecbTypes maps ECB+ entity classes to name types; the other classes
// (generic, vehicles, non-human participants) are not names of people,
// organizations or places.
var ecbTypes = map[string]string{"HUMAN_PART_PER": "PER", "HUMAN_PART_ORG": "ORG", "HUMAN_PART_GPE": "LOC",
	"LOC_GEO": "LOC", "LOC_FAC": "LOC", "LOC_OTHER": "LOC"}

// ecbplus reads the annotated sentences of ECB+ (only the sentences listed
// in ECBplus_coreference_sentences.csv carry annotations); capitalized
// words outside every annotation are of unknown tag.
func ecbplus(dir string, skip map[string]bool) ([]doc, error) {
	csv, err := os.ReadFile(filepath.Join(dir, "ECBplus_coreference_sentences.csv"))
	if err != nil {
		return nil, err
	}
	annotated := map[string]bool{}
	for line := range strings.Lines(string(csv)) {
		f := strings.Split(strings.TrimSpace(line), ",")
		if len(f) == 3 {
			annotated[f[0]+"_"+f[1]+".xml#"+f[2]] = true
		}
	}
	files, _ := filepath.Glob(filepath.Join(dir, "*", "*.xml"))
	slices.Sort(files)
	var out []doc
	for _, p := range files {
		if skip[filepath.Base(p)] {
			continue
		}
		d, err := ecbDoc(p, annotated)
		if err != nil {
			return nil, err
		}
		if len(d.words) > 0 {
			out = append(out, d)
		}
	}
	return out, nil
}

func ecbDoc(path string, annotated map[string]bool) (doc, error) {
	f, err := os.Open(path)
	if err != nil {
		return doc{}, err
	}
	defer f.Close()
	base := filepath.Base(path)
	dec := xml.NewDecoder(f)
	type tok struct {
		sent int
		text string
	}
	toks := map[string]tok{}
	var order []string
	type markable struct {
		class   string
		anchors []string
	}
	var marks []markable
	var cur *markable
	var inTok string
	var tokSent int
	for {
		t, err := dec.Token()
		if err != nil {
			break
		}
		switch e := t.(type) {
		case xml.StartElement:
			attr := func(n string) string {
				for _, a := range e.Attr {
					if a.Name.Local == n {
						return a.Value
					}
				}
				return ""
			}
			switch {
			case e.Name.Local == "token":
				inTok = attr("t_id")
				tokSent, _ = strconv.Atoi(attr("sentence"))
			case e.Name.Local == "token_anchor" && cur != nil:
				cur.anchors = append(cur.anchors, attr("t_id"))
			case attr("m_id") != "":
				marks = append(marks, markable{class: e.Name.Local})
				cur = &marks[len(marks)-1]
			}
		case xml.CharData:
			if inTok != "" {
				toks[inTok] = tok{tokSent, toks[inTok].text + string(e)}
			}
		case xml.EndElement:
			if e.Name.Local == "token" {
				if inTok != "" {
					order = append(order, inTok)
				}
				inTok = ""
			} else if cur != nil && e.Name.Local == cur.class {
				cur = nil
			}
		}
	}
	all := map[int][]string{}
	for _, id := range order {
		t := toks[id]
		all[t.sent] = append(all[t.sent], strings.TrimSpace(t.text))
	}
	for s := 0; s <= len(all)+1; s++ {
		if ws, ok := all[s]; ok {
			unlabeled = append(unlabeled, ws)
		}
	}
	// Sentences of the listed numbers, with word positions.
	type pos struct{ s, i int }
	at := map[string]pos{}
	idx := map[int]int{}
	var words [][]string
	for _, id := range order {
		t := toks[id]
		if !annotated[base+"#"+strconv.Itoa(t.sent)] {
			continue
		}
		s, ok := idx[t.sent]
		if !ok {
			s = len(words)
			idx[t.sent] = s
			words = append(words, nil)
		}
		w := strings.TrimSpace(t.text)
		if w == "" {
			w = "_"
		}
		at[id] = pos{s, len(words[s])}
		words[s] = append(words[s], w)
	}
	cov := make([][]bool, len(words))
	var spans []eval.NERSpan
	for s := range words {
		cov[s] = make([]bool, len(words[s]))
	}
	for _, m := range marks {
		if len(m.anchors) == 0 {
			continue
		}
		a, ok1 := at[m.anchors[0]]
		b, ok2 := at[m.anchors[len(m.anchors)-1]]
		if !ok1 || !ok2 || a.s != b.s || b.i < a.i {
			continue
		}
		for i := a.i; i <= b.i; i++ {
			cov[a.s][i] = true
		}
		typ, ok := ecbTypes[m.class]
		if !ok {
			continue
		}
		if i, j, ok := eval.NameCore(words[a.s][a.i:b.i+1], typ); ok {
			spans = append(spans, eval.NERSpan{Sent: a.s, Start: a.i + i, End: a.i + j, Type: typ})
		}
	}
	full := fromNER("ecbplus", eval.NERDoc{Sentences: words, Spans: spans}, nil)
	for s := range words {
		markUnknown(words[s], cov[s], full.tags[s])
	}
	return full, nil
}

// markUnknown sets the tag of every capitalized word of a partially
// annotated sentence that no annotation covers to -1 (unknown), so that
// training neither calls it a name nor denies it one.
func markUnknown(words []string, covered []bool, tags []int) {
	for i, w := range words {
		if covered[i] || tags[i] != 0 || !unicode.IsUpper(firstRune(w)) || entity.IsTitleWord(w) || entity.NotName(w) {
			continue
		}
		tags[i] = -1
	}
}

type re3dEntity struct {
	Doc        string  `json:"documentId"`
	Begin      int     `json:"begin"`
	End        int     `json:"end"`
	Type       string  `json:"type"`
	Confidence float64 `json:"confidence"`
}

type re3dDocument struct {
	ID   string `json:"_id"`
	Text string `json:"text"`
}

func jsonLines[T any](path string) ([]T, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var out []T
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<26)
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		if line == "" {
			continue
		}
		var v T
		if err := json.Unmarshal([]byte(line), &v); err != nil {
			return nil, fmt.Errorf("%s: %w", path, err)
		}
		out = append(out, v)
	}
	return out, sc.Err()
}

// re3dTypes maps re3d's types deliberately: its Organisation and Person
// also cover unnamed groups and titles ("the Army", "rebels", "President
// of the United States"), which NameCore filters out; Nationality is not a
// name of a place or group in CoNLL terms.
var re3dTypes = map[string]string{"Person": "PER", "Organisation": "ORG", "Location": "LOC"}

func re3d(dir string) ([]doc, error) {
	subs, _ := filepath.Glob(filepath.Join(dir, "*"))
	var out []doc
	for _, sub := range subs {
		if st, err := os.Stat(sub); err != nil || !st.IsDir() {
			continue
		}
		docs, err := jsonLines[re3dDocument](filepath.Join(sub, "documents.json"))
		if err != nil {
			return nil, err
		}
		ents, err := jsonLines[re3dEntity](filepath.Join(sub, "entities.json"))
		if err != nil {
			return nil, err
		}
		byDoc := map[string][]re3dEntity{}
		for _, e := range ents {
			byDoc[e.Doc] = append(byDoc[e.Doc], e)
		}
		for _, d := range docs {
			out = append(out, re3dDoc(d, byDoc[d.ID]))
		}
	}
	return out, nil
}

// utf16ToByte maps UTF-16 code unit offsets (what re3d's Java tools
// counted) to byte offsets.
func utf16ToByte(text string) []int {
	m := make([]int, 0, len(text)+1)
	for i, r := range text {
		n := 1
		if utf16.RuneLen(r) == 2 {
			n = 2
		}
		for range n {
			m = append(m, i)
		}
	}
	m = append(m, len(text))
	return m
}

func re3dDoc(d re3dDocument, ents []re3dEntity) doc {
	text := d.Text
	if !utf8.ValidString(text) {
		text = strings.ToValidUTF8(text, "\uFFFD")
	}
	off := utf16ToByte(text)
	_, sentences := extract.Segment(text)
	out := doc{corpus: "re3d"}
	// Longest spans first, so that nested spans yield to the outer name.
	slices.SortFunc(ents, func(a, b re3dEntity) int { return (b.End - b.Begin) - (a.End - a.Begin) })
	for _, s := range sentences {
		toks := entity.Tokenize(text, s.Start, s.End, nil)
		if len(toks) == 0 {
			continue
		}
		words := make([]string, len(toks))
		for i, t := range toks {
			words[i] = t.Text
		}
		unlabeled = append(unlabeled, words)
		tags := make([]int, len(toks))
		used := make([]bool, len(toks))
		cov := make([]bool, len(toks))
		for _, e := range ents {
			typ, ok := re3dTypes[e.Type]
			if e.Begin < 0 || e.End >= len(off) || e.Begin >= e.End {
				continue
			}
			if !ok || e.Confidence < 0.5 {
				typ = ""
			}
			b, en := off[e.Begin], off[e.End]
			if b < s.Start || en > s.End {
				continue
			}
			for k, t := range toks {
				if t.Start >= b && t.End <= en {
					cov[k] = true
				}
			}
			i, j := -1, -1
			for k, t := range toks {
				if t.Start >= b && t.End <= en {
					if i < 0 {
						i = k
					}
					j = k + 1
				}
			}
			if i < 0 || typ == "" || slices.Contains(used[i:j], true) {
				continue
			}
			ci, cj, ok := eval.NameCore(words[i:j], typ)
			if !ok {
				// An unnamed group or a title; the names it may hide are
				// unknown.
				for k := i; k < j; k++ {
					cov[k] = false
				}
				continue
			}
			bt := tagger.TagIndex("B-" + typ)
			for k := i; k < j; k++ {
				used[k] = true
			}
			for k := i + ci; k < i+cj; k++ {
				if k == i+ci {
					tags[k] = bt
				} else {
					tags[k] = bt + 1
				}
			}
		}
		markUnknown(words, cov, tags)
		out.words = append(out.words, words)
		out.tags = append(out.tags, tags)
	}
	return out
}

func firstRune(s string) rune {
	r, _ := utf8.DecodeRuneInString(s)
	return r
}
