package eval

import (
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"strings"
)

// ReadTimeML reads one TimeML file in the TempEval-3 layout: the creation
// time in <DCT><TIMEX3 functionInDocument="CREATION_TIME" value=…>, the
// document in <TEXT> with TIMEX3 (and EVENT, SIGNAL) elements inline. The
// text is the character data of <TEXT> exactly as written, so gold offsets
// are byte offsets into it; markup after </TEXT> (MAKEINSTANCE, TLINK) is
// ignored. Without a <TEXT> element the whole body is the text.
func ReadTimeML(r io.Reader, name string) (*TimexDoc, error) {
	dec := xml.NewDecoder(r)
	dec.Strict = false
	dec.AutoClose = xml.HTMLAutoClose
	dec.Entity = xml.HTMLEntity
	doc := &TimexDoc{Name: name}
	var b strings.Builder
	type open struct {
		start       int
		typ, value  string
		function    string
		inDCT, keep bool
	}
	var stack []open
	inDCT, inText, sawText, done := false, false, false, false
	// Before a <TEXT> is seen, text is gathered too, in case there is none.
	for !done {
		tok, err := dec.Token()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, fmt.Errorf("read timeml %s: %w", name, err)
		}
		switch t := tok.(type) {
		case xml.StartElement:
			switch strings.ToUpper(t.Name.Local) {
			case "DCT":
				inDCT = true
			case "TEXT":
				if !sawText {
					b.Reset()
					doc.Gold = doc.Gold[:0]
				}
				inText, sawText = true, true
			case "TIMEX3":
				o := open{start: b.Len(), inDCT: inDCT, keep: inText || !sawText}
				for _, a := range t.Attr {
					switch a.Name.Local {
					case "type":
						o.typ = a.Value
					case "value":
						o.value = a.Value
					case "functionInDocument":
						o.function = a.Value
					}
				}
				if o.function == "CREATION_TIME" || o.inDCT {
					if dt, ok := ParseDCT(o.value); ok && doc.DCT.IsZero() {
						doc.DCT = dt
					}
				}
				stack = append(stack, o)
			}
		case xml.EndElement:
			switch strings.ToUpper(t.Name.Local) {
			case "DCT":
				inDCT = false
			case "TEXT":
				inText = false
				done = true
			case "TIMEX3":
				if len(stack) == 0 {
					continue
				}
				o := stack[len(stack)-1]
				stack = stack[:len(stack)-1]
				if o.inDCT || !o.keep || b.Len() <= o.start {
					continue
				}
				text := b.String()[o.start:]
				doc.Gold = append(doc.Gold, GoldTimex{Start: o.start, End: b.Len(), Text: text, Type: o.typ, Value: o.value, DCT: o.function == "CREATION_TIME"})
			}
		case xml.CharData:
			if inText || (!sawText && !inDCT) {
				b.Write(t)
			}
		}
	}
	doc.Text = b.String()
	sortGold(doc.Gold)
	return doc, nil
}
