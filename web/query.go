package web

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/parallax-news/parallax"
)

// Paging bounds: pages are capped so that one request cannot make the
// store read without limit.
const (
	defaultPageSize = 25
	maxPageSize     = 200
	maxOffset       = 100000
	maxQueryLen     = 500
)

// paging reads limit and offset.
func paging(v url.Values) (limit, offset int, err error) {
	limit, offset = defaultPageSize, 0
	if s := v.Get("limit"); s != "" {
		if limit, err = strconv.Atoi(s); err != nil || limit < 1 {
			return 0, 0, badRequest("limit must be a positive whole number")
		}
		limit = min(limit, maxPageSize)
	}
	if s := v.Get("offset"); s != "" {
		if offset, err = strconv.Atoi(s); err != nil || offset < 0 || offset > maxOffset {
			return 0, 0, badRequest("offset must be a whole number from 0 to 100000")
		}
	}
	return limit, offset, nil
}

// parseDate accepts 2024-02-03 or RFC 3339. An "until" date means the end
// of that day, which is what a person choosing a date range expects.
func parseDate(name, s string, endOfDay bool) (time.Time, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return time.Time{}, nil
	}
	if t, err := time.Parse(time.RFC3339, s); err == nil {
		return t, nil
	}
	t, err := time.Parse("2006-01-02", s)
	if err != nil {
		return time.Time{}, badRequest(name + " must be a date like 2024-02-03")
	}
	if endOfDay {
		t = t.AddDate(0, 0, 1)
	}
	return t, nil
}

// cleanParam trims and bounds a free-text parameter.
func cleanParam(v url.Values, name string) (string, error) {
	s := strings.TrimSpace(v.Get(name))
	if len(s) > maxQueryLen {
		return "", badRequest(name + " is too long (at most 500 bytes)")
	}
	return s, nil
}

// eventFilter is the events list's filter form, echoed back into it.
type eventFilter struct {
	Since, Until          string
	Outlet, Place, Entity string
	Open                  bool
}

// Active reports whether any filter is set.
func (f eventFilter) Active() bool {
	return f.Since != "" || f.Until != "" || f.Outlet != "" || f.Place != "" || f.Entity != "" || f.Open
}

func parseEventQuery(r *http.Request) (parallax.EventQuery, eventFilter, error) {
	v := r.URL.Query()
	var q parallax.EventQuery
	var f eventFilter
	var err error
	if q.Limit, q.Offset, err = paging(v); err != nil {
		return q, f, err
	}
	f.Since, f.Until = strings.TrimSpace(v.Get("since")), strings.TrimSpace(v.Get("until"))
	if q.Since, err = parseDate("since", f.Since, false); err != nil {
		return q, f, err
	}
	if q.Until, err = parseDate("until", f.Until, true); err != nil {
		return q, f, err
	}
	for _, p := range []struct {
		name string
		dst  *string
		echo *string
	}{{"outlet", &q.Outlet, &f.Outlet}, {"place", &q.Place, &f.Place}, {"entity", &q.Entity, &f.Entity}} {
		if *p.dst, err = cleanParam(v, p.name); err != nil {
			return q, f, err
		}
		*p.echo = *p.dst
	}
	if s := v.Get("open"); s != "" {
		if q.Open, err = strconv.ParseBool(s); err != nil {
			return q, f, badRequest("open must be true or false")
		}
		f.Open = q.Open
	}
	return q, f, nil
}

// pageLinks builds previous/next links that keep every other parameter.
type pageLinks struct {
	Prev, Next string
	From, To   int // 1-based positions shown
}

func links(r *http.Request, offset, limit, got int, more bool) pageLinks {
	mk := func(off int) string {
		v := r.URL.Query()
		if off <= 0 {
			v.Del("offset")
		} else {
			v.Set("offset", strconv.Itoa(off))
		}
		u := url.URL{Path: r.URL.Path, RawQuery: v.Encode()}
		return u.String()
	}
	var l pageLinks
	if offset > 0 {
		l.Prev = mk(max(0, offset-limit))
	}
	if more {
		l.Next = mk(offset + limit)
	}
	if got > 0 {
		l.From, l.To = offset+1, offset+got
	}
	return l
}
