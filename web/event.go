package web

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"hash/maphash"
	"html/template"
	"math"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	jsonv2 "github.com/go-json-experiment/json"
	"github.com/go-json-experiment/json/jsontext"
	"github.com/parallax-news/parallax"
)

// maxEventArticles bounds the member list the event API returns; the
// dossier already summarizes all of them.
const maxEventArticles = 500

// reportsPerPage is how many reports an event page lists; a very large
// event's further reports are on the next pages (?offset=), so that its
// page costs no more to read and render than a small one's.
const reportsPerPage = 100

// shownSpeakers is how many speakers an event page shows unfolded.
const shownSpeakers = 6

// eventDoc is an event with its dossier and members: the event page and
// its JSON form.
type eventDoc struct {
	Event *parallax.Event `json:"event"`
	// Dossier is nil until the pipeline has built one.
	Dossier  *parallax.Dossier   `json:"dossier"`
	Articles []*parallax.Article `json:"articles"`
	// raw is the stored dossier document.
	raw json.RawMessage

	// Agreed and Only split the dossier's claims for the page: shared
	// claims first, single-outlet claims folded away.
	Agreed []parallax.Claim `json:"-"`
	Only   []parallax.Claim `json:"-"`
	// Speakers are shown in full up to shownSpeakers (the dossier lists
	// the most widely quoted first); the rest are folded.
	Speakers     []parallax.SpeakerQuotes `json:"-"`
	MoreSpeakers []parallax.SpeakerQuotes `json:"-"`

	Timeline template.HTML `json:"-"`
	// TimelineRows lists the same points as text, for screen readers and
	// for events without a chartable date.
	TimelineRows []timelineRow `json:"-"`
	Conflicts    int           `json:"-"`
	// Reports pages through a very large event's reports.
	Reports pageLinks `json:"-"`
	// HTML is the page's repeated markup, written by renderSections.
	HTML eventSections `json:"-"`
	// sections holds the buffer HTML points into, until release.
	sections *htmlWriter
}

type timelineRow struct {
	When    string
	Label   string
	Outlets []string
	Stated  []parallax.StatedTime
	Article bool
	ID      string
}

// eventSource is what an event page is built from: the event row, its
// dossier document and the page of reports to list.
type eventSource struct {
	ev      *parallax.Event
	dossier []byte // nil when none is stored yet
	// offset and limit select the reports listed.
	offset, limit int
}

// fetchEventRow reads the event, the one query every event request makes.
func (s *Server) fetchEventRow(r *http.Request) (*parallax.Event, error) {
	id := r.PathValue("id")
	if id == "" || len(id) > 64 {
		return nil, parallax.Errorf(parallax.ENOTFOUND, "no event %q", id)
	}
	return s.store.Event(r.Context(), id)
}

// fetchDossier reads an event's dossier document, nil when there is none.
func (s *Server) fetchDossier(ctx context.Context, eventID string) ([]byte, error) {
	b, err := s.store.Document(ctx, "dossier", eventID)
	if parallax.ErrorCode(err) == parallax.ENOTFOUND {
		return nil, nil
	}
	return b, err
}

// digest identifies a dossier's bytes for the page cache.
func (s *Server) digest(b []byte) string {
	var h maphash.Hash
	h.SetSeed(s.seed)
	h.Write(b)
	return "d" + strconv.FormatUint(h.Sum64()^uint64(len(b)), 36)
}

// documentVersioner is a store that can say cheaply whether a document
// changed (the postgres store): revalidating a cached event page then
// reads a short token instead of the whole dossier.
type documentVersioner interface {
	DocumentVersion(ctx context.Context, kind, key string) (string, error)
}

// documentWithVersion is a documentVersioner that reads a document and
// its version in one query, for filling a cache entry.
type documentWithVersion interface {
	DocumentWithVersion(ctx context.Context, kind, key string) ([]byte, string, error)
}

// dossierWithVersion reads an event's dossier and the token the page
// cache keys it by, for a page not in the cache: in one query where the
// store can, else as dossierVersion and fetchDossier do.
func (s *Server) dossierWithVersion(ctx context.Context, eventID string) (version string, dossier []byte, err error) {
	if dv, ok := s.store.(documentWithVersion); ok {
		b, v, err := dv.DocumentWithVersion(ctx, "dossier", eventID)
		if parallax.ErrorCode(err) == parallax.ENOTFOUND {
			return "none", nil, nil
		}
		return v, b, err
	}
	return s.dossierVersion(ctx, eventID)
}

// dossierVersion returns the token the page cache keys an event's dossier
// by, and the dossier itself when reading it was the only way to make the
// token (stores without documentVersioner).
func (s *Server) dossierVersion(ctx context.Context, eventID string) (version string, dossier []byte, err error) {
	if dv, ok := s.store.(documentVersioner); ok {
		v, err := dv.DocumentVersion(ctx, "dossier", eventID)
		if parallax.ErrorCode(err) == parallax.ENOTFOUND {
			return "none", nil, nil
		}
		return v, nil, err
	}
	b, err := s.fetchDossier(ctx, eventID)
	if err != nil {
		return "", nil, err
	}
	if b == nil {
		return "none", nil, nil
	}
	return s.digest(b), b, nil
}

// buildEvent reads the event's members and, for pages, decodes the
// dossier; the API passes the stored dossier through undecoded.
func (s *Server) buildEvent(ctx context.Context, src *eventSource, decode bool) (*eventDoc, error) {
	ev := src.ev
	d := &eventDoc{Event: ev, raw: src.dossier}
	if src.dossier != nil && decode {
		var dos parallax.Dossier
		if err := decodeDossier(src.dossier, &dos); err != nil {
			return nil, fmt.Errorf("decode dossier of %s: %w", ev.ID, err)
		}
		d.Dossier = &dos
	}
	var err error
	limit := src.limit
	if limit <= 0 {
		limit = maxEventArticles
	}
	d.Articles, err = s.store.Articles(ctx, parallax.ArticleQuery{EventID: ev.ID, WithoutText: true, Order: "published",
		Limit: limit + 1, Offset: src.offset})
	if err != nil {
		return nil, err
	}
	more := len(d.Articles) > limit
	if more {
		d.Articles = d.Articles[:limit]
	}
	if d.Articles == nil {
		d.Articles = []*parallax.Article{}
	}
	if src.offset > 0 || more {
		d.Reports = pageLinks{From: src.offset + 1, To: src.offset + len(d.Articles)}
		if src.offset > 0 {
			d.Reports.Prev = reportsURL(ev.ID, max(src.offset-limit, 0))
		}
		if more {
			d.Reports.Next = reportsURL(ev.ID, src.offset+limit)
		}
	}
	d.buildTimeline()
	if d.Dossier != nil {
		for _, f := range d.Dossier.Figures {
			if f.Status == parallax.FigureConflicting {
				d.Conflicts++
			}
		}
		d.Speakers = d.Dossier.Speakers
		if len(d.Speakers) > shownSpeakers {
			d.Speakers, d.MoreSpeakers = d.Speakers[:shownSpeakers], d.Speakers[shownSpeakers:]
		}
		for _, c := range d.Dossier.Claims {
			if c.Status == parallax.ClaimOnly {
				d.Only = append(d.Only, c)
			} else {
				d.Agreed = append(d.Agreed, c)
			}
		}
	}
	if decode {
		d.renderSections()
	}
	return d, nil
}

// decodeDossier decodes a stored dossier for a page. It uses the JSON
// decoder of the coming encoding/json/v2, which reads the document in one
// pass (encoding/json validates it all before decoding it) and was about
// three times faster on a 94 KB dossier, the largest cost of an uncached
// page. The options keep encoding/json's leniency: invalid UTF-8 is
// replaced, duplicate names are allowed and names match case-insensitively.
// Types with an UnmarshalJSON method (parallax.Figure) decode as before.
func decodeDossier(b []byte, dos *parallax.Dossier) error {
	return jsonv2.Unmarshal(b, dos, dossierOptions)
}

var dossierOptions = jsonv2.JoinOptions(jsontext.AllowInvalidUTF8(true), jsontext.AllowDuplicateNames(true),
	jsonv2.MatchCaseInsensitiveNames(true), jsonv2.WithUnmarshalers(jsonv2.UnmarshalFromFunc(unmarshalFigure)))

// unmarshalFigure is parallax.Figure's UnmarshalJSON (a null Low reads as
// -Inf, a null High as +Inf, a null Value as 0) for the one-pass decoder,
// which would otherwise hand each figure to encoding/json.
func unmarshalFigure(dec *jsontext.Decoder, f *parallax.Figure) error {
	type plain parallax.Figure
	var v struct {
		plain
		Value *float64 `json:"value"`
		Low   *float64 `json:"low"`
		High  *float64 `json:"high"`
	}
	if err := jsonv2.UnmarshalDecode(dec, &v); err != nil {
		return err
	}
	*f = parallax.Figure(v.plain)
	f.Value, f.Low, f.High = 0, math.Inf(-1), math.Inf(1)
	if v.Value != nil {
		f.Value = *v.Value
	}
	if v.Low != nil {
		f.Low = *v.Low
	}
	if v.High != nil {
		f.High = *v.High
	}
	return nil
}

// reportsURL links to the page of an event listing its reports from
// offset on.
func reportsURL(eventID string, offset int) string {
	u := "/events/" + url.PathEscape(eventID)
	if offset > 0 {
		u += "?offset=" + strconv.Itoa(offset)
	}
	return u + "#reports"
}

// buildTimeline gathers the dossier's dated happenings and the articles'
// publication times into a chart and a table.
func (d *eventDoc) buildTimeline() {
	var pts []timelinePoint
	if d.Dossier != nil {
		for _, h := range d.Dossier.Timeline {
			at, prec, ok := happeningTime(h)
			label := firstNonEmpty(h.Summary, h.Value)
			when := h.Value
			if h.UTCText != "" {
				when = h.UTCText
			}
			d.TimelineRows = append(d.TimelineRows, timelineRow{When: when, Label: label, Outlets: h.Outlets, Stated: h.Stated})
			if ok {
				pts = append(pts, timelinePoint{At: at, Precision: prec, Label: label, Detail: strings.Join(h.Outlets, ", ")})
			}
		}
	}
	// Publications at the same instant (often a date without a time) are
	// drawn as one point, so that the chart stays readable.
	type pub struct {
		outlets []string
		titles  []string
	}
	pubs := map[time.Time]*pub{}
	var order []time.Time
	for _, a := range d.Articles {
		if a.Published.IsZero() {
			continue
		}
		at := a.Published.UTC()
		p := pubs[at]
		if p == nil {
			p = &pub{}
			pubs[at] = p
			order = append(order, at)
		}
		p.outlets = append(p.outlets, a.OutletName())
		p.titles = append(p.titles, a.Title)
	}
	for _, at := range order {
		p := pubs[at]
		label := "published: " + p.outlets[0]
		if len(p.outlets) > 1 {
			label = fmt.Sprintf("%d reports published", len(p.outlets))
		}
		pts = append(pts, timelinePoint{At: at, Precision: "time", Label: label, Detail: strings.Join(p.outlets, ", "), Article: true})
	}
	d.Timeline = timelineSVG(pts, "Timeline of "+d.Event.Title)
}

// happeningTime places a happening on the time axis: its UTC instant when
// known, else the calendar date of its TIMEX3 value. Values without a
// year, weeks, durations and references cannot be placed.
func happeningTime(h parallax.Happening) (time.Time, string, bool) {
	if h.UTC != nil && !h.UTC.IsZero() {
		return h.UTC.UTC(), "time", true
	}
	v := h.Value
	for _, l := range []struct{ layout, prec string }{
		{"2006-01-02T15:04:05", "time"}, {"2006-01-02T15:04", "time"}, {"2006-01-02", "day"}, {"2006-01", "day"}, {"2006", "day"},
	} {
		if len(v) >= len(l.layout) {
			if t, err := time.Parse(l.layout, v[:len(l.layout)]); err == nil {
				return t, l.prec, true
			}
		}
	}
	return time.Time{}, "", false
}

// handleEventPage renders an event's dossier. Rendered pages are cached;
// a cached page is served as is for CacheRevalidate, then checked against
// the event row and the stored dossier's version (or, on stores that keep
// none, a digest of the dossier) and rebuilt only if either changed. A
// popular event is thus rendered once per change and costs the store one
// or two short queries per CacheRevalidate, however often it is read.
func (s *Server) handleEventPage(w http.ResponseWriter, r *http.Request) error {
	return s.serveEvent(w, r, "page", "text/html; charset=utf-8", func(d *eventDoc) (cacheItem, error) {
		return s.renderEventPage(r, d)
	})
}

// renderEventPage renders an event page into its cached form and
// releases d.
func (s *Server) renderEventPage(r *http.Request, d *eventDoc) (cacheItem, error) {
	defer d.release()
	buf := pageBuffers.Get().(*bytes.Buffer)
	defer pageBuffers.Put(buf)
	buf.Reset()
	if err := s.renderTo(buf, r, "event", d.Event.Title, d); err != nil {
		return cacheItem{}, err
	}
	return newCacheItemFrom(buf.Bytes()), nil
}

// handleEventAPI is the JSON form of the event page.
func (s *Server) handleEventAPI(w http.ResponseWriter, r *http.Request) error {
	return s.serveEvent(w, r, "api", "application/json", func(d *eventDoc) (cacheItem, error) {
		// The stored dossier is already JSON: pass it through rather than
		// decode and encode it again.
		dossier := d.raw
		if dossier == nil {
			dossier = json.RawMessage("null")
		}
		b, err := json.Marshal(struct {
			Event    *parallax.Event     `json:"event"`
			Dossier  json.RawMessage     `json:"dossier"`
			Articles []*parallax.Article `json:"articles"`
		}{d.Event, dossier, d.Articles})
		if err != nil {
			return cacheItem{}, err
		}
		return newCacheItem(append(b, '\n')), nil
	})
}

func (s *Server) serveEvent(w http.ResponseWriter, r *http.Request, kind, contentType string, render func(*eventDoc) (cacheItem, error)) error {
	src := eventSource{limit: maxEventArticles}
	if kind == "page" {
		_, offset, err := paging(r.URL.Query())
		if err != nil {
			return err
		}
		src.offset, src.limit = offset, reportsPerPage
	}
	// Within CacheRevalidate a cached page is served without asking the
	// store anything; after it, one request per page compares the event row
	// and the dossier's version with those the page was rendered from,
	// while concurrent requests for it wait instead of building it again.
	key := kind + "\x00" + strconv.Itoa(src.offset) + "\x00" + r.PathValue("id")
	now := s.cfg.Now()
	if it, ok := s.cache.get(key); ok && now.Sub(it.checked) < s.cfg.CacheRevalidate {
		return s.writeItem(w, r, contentType, it)
	}
	it, err := s.flight.do(key, func() (cacheItem, error) {
		it, ok := s.cache.get(key)
		if ok && now.Sub(it.checked) < s.cfg.CacheRevalidate {
			return it, nil // refreshed while this request waited
		}
		ev, err := s.fetchEventRow(r)
		if err != nil {
			return cacheItem{}, err
		}
		evJSON, err := json.Marshal(ev)
		if err != nil {
			return cacheItem{}, err
		}
		row := string(evJSON)
		// A cached page is checked by the dossier's version alone; a page
		// not in the cache needs the dossier too.
		versionOf := s.dossierWithVersion
		if ok {
			versionOf = s.dossierVersion
		}
		version, dossier, err := versionOf(r.Context(), ev.ID)
		if err != nil {
			return cacheItem{}, err
		}
		if ok && it.row == row && it.version == version {
			s.cache.revalidated(key, now)
			return it, nil
		}
		if dossier == nil && version != "none" {
			// The version was read first: should the dossier change in
			// between, the page is newer than its version says and is
			// merely rebuilt once more.
			if dossier, err = s.fetchDossier(r.Context(), ev.ID); err != nil {
				return cacheItem{}, err
			}
		}
		src.ev, src.dossier = ev, dossier
		d, err := s.buildEvent(r.Context(), &src, kind == "page")
		if err != nil {
			return cacheItem{}, err
		}
		it, err = render(d)
		if err != nil {
			return cacheItem{}, err
		}
		it.row, it.version, it.checked = row, version, now
		s.cache.put(key, it)
		return it, nil
	})
	if err != nil {
		return err
	}
	return s.writeItem(w, r, contentType, it)
}
