package eval

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"
	"unicode/utf8"
)

// BratDoc is a text with its brat standoff annotations (the .txt and .ann
// pair of the brat annotation tool). Offsets in the .ann file count
// characters, as brat does; BratDoc holds them as byte offsets into Text.
type BratDoc struct {
	Name       string
	Text       string
	Spans      []BratSpan
	Relations  []BratRelation
	Attributes []BratAttribute
	Notes      []BratNote
}

// BratSpan is a text-bound annotation (a T line). A discontinuous span
// ("T1 Quote 0 5;9 20") keeps its fragments; Start and End bound them all.
type BratSpan struct {
	ID, Type   string
	Start, End int
	Fragments  [][2]int
	Text       string
}

// BratRelation is a binary relation (an R line) between two annotations.
type BratRelation struct {
	ID, Type   string
	Arg1, Arg2 string // annotation ids
}

// BratAttribute is an attribute (an A or M line) of an annotation; Value
// is empty for a binary attribute.
type BratAttribute struct {
	ID, Name, Target, Value string
}

// BratNote is an annotator note (a # line) on an annotation.
type BratNote struct {
	ID, Type, Target, Text string
}

// Span returns the text-bound annotation with the given id, or nil.
func (d *BratDoc) Span(id string) *BratSpan {
	for i := range d.Spans {
		if d.Spans[i].ID == id {
			return &d.Spans[i]
		}
	}
	return nil
}

// ReadBratFile reads a brat document from its .txt or .ann path; the
// other file of the pair must sit next to it.
func ReadBratFile(path string) (*BratDoc, error) {
	base := strings.TrimSuffix(strings.TrimSuffix(path, ".ann"), ".txt")
	text, err := os.ReadFile(base + ".txt")
	if err != nil {
		return nil, fmt.Errorf("read brat text: %w", err)
	}
	f, err := os.Open(base + ".ann")
	if err != nil {
		return nil, fmt.Errorf("read brat annotations: %w", err)
	}
	defer f.Close()
	d, err := ReadBrat(string(text), f)
	if err != nil {
		return nil, fmt.Errorf("%s.ann: %w", base, err)
	}
	d.Name = base
	return d, nil
}

// ReadBrat reads the standoff annotations ann of text. T, R, A, M and #
// lines are read; E (events), N (normalizations) and * (equivalences)
// lines are skipped. A T line whose offsets fall outside text is an
// error; a T line whose recorded text differs from the text at its
// offsets is an error too, since every score computed on it would be
// wrong.
func ReadBrat(text string, ann io.Reader) (*BratDoc, error) {
	d := &BratDoc{Text: text}
	// Character offset → byte offset.
	byteAt := make([]int, 0, len(text)+1)
	for i := range text {
		byteAt = append(byteAt, i)
	}
	byteAt = append(byteAt, len(text))
	sc := bufio.NewScanner(ann)
	sc.Buffer(make([]byte, 64*1024), 16*1024*1024)
	n := 0
	for sc.Scan() {
		n++
		line := strings.TrimRight(sc.Text(), "\r")
		if strings.TrimSpace(line) == "" {
			continue
		}
		id, rest, _ := strings.Cut(line, "\t")
		if id == "" {
			continue
		}
		switch id[0] {
		case 'T':
			head, body, _ := strings.Cut(rest, "\t")
			typ, offs, ok := strings.Cut(head, " ")
			if !ok {
				return nil, fmt.Errorf("line %d: text-bound annotation without offsets", n)
			}
			s := BratSpan{ID: id, Type: typ, Text: body, Start: -1}
			for _, frag := range strings.Split(offs, ";") {
				a, b, ok := strings.Cut(strings.TrimSpace(frag), " ")
				ca, err1 := strconv.Atoi(a)
				cb, err2 := strconv.Atoi(b)
				if !ok || err1 != nil || err2 != nil || ca < 0 || cb < ca || cb >= len(byteAt) {
					return nil, fmt.Errorf("line %d: bad offsets %q", n, frag)
				}
				ba, bb := byteAt[ca], byteAt[cb]
				s.Fragments = append(s.Fragments, [2]int{ba, bb})
				if s.Start < 0 || ba < s.Start {
					s.Start = ba
				}
				if bb > s.End {
					s.End = bb
				}
			}
			var got []string
			for _, f := range s.Fragments {
				got = append(got, text[f[0]:f[1]])
			}
			if body != "" && strings.Join(got, " ") != body && !sameSpace(strings.Join(got, " "), body) {
				return nil, fmt.Errorf("line %d: %s covers %q, not %q", n, id, strings.Join(got, " "), body)
			}
			d.Spans = append(d.Spans, s)
		case 'R':
			f := strings.Fields(rest)
			if len(f) < 3 {
				return nil, fmt.Errorf("line %d: relation needs a type and two arguments", n)
			}
			r := BratRelation{ID: id, Type: f[0]}
			for _, arg := range f[1:3] {
				_, v, _ := strings.Cut(arg, ":")
				if r.Arg1 == "" {
					r.Arg1 = v
				} else {
					r.Arg2 = v
				}
			}
			d.Relations = append(d.Relations, r)
		case 'A', 'M':
			f := strings.Fields(rest)
			if len(f) < 2 {
				return nil, fmt.Errorf("line %d: attribute needs a name and a target", n)
			}
			a := BratAttribute{ID: id, Name: f[0], Target: f[1]}
			if len(f) > 2 {
				a.Value = strings.Join(f[2:], " ")
			}
			d.Attributes = append(d.Attributes, a)
		case '#':
			head, body, _ := strings.Cut(rest, "\t")
			f := strings.Fields(head)
			if len(f) < 2 {
				continue
			}
			d.Notes = append(d.Notes, BratNote{ID: id, Type: f[0], Target: f[1], Text: body})
		}
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("read annotations: %w", err)
	}
	return d, nil
}

// sameSpace compares texts ignoring how whitespace is written, since brat
// writes line breaks inside a span as spaces.
func sameSpace(a, b string) bool {
	return strings.Join(strings.Fields(a), " ") == strings.Join(strings.Fields(b), " ")
}

// CharOffset returns the character offset of byte offset b in text, the
// unit brat files count in.
func CharOffset(text string, b int) int {
	if b > len(text) {
		b = len(text)
	}
	return utf8.RuneCountInString(text[:b])
}
