package ingest

import (
	"net/http"
	"strings"
	"testing"

	"golang.org/x/text/encoding/charmap"
)

func TestExtractHTMLCharsetAndCanonical(t *testing.T) {
	ru := `<html><head><title>Россия запросила заседание СБ ООН</title>
<link rel="canonical" href="/world/123"></head><body><article><h1>Россия запросила заседание СБ ООН</h1>
<p>Россия запросила срочное заседание Совета Безопасности ООН в связи с ударами США по Ираку и Сирии, сообщил первый заместитель постоянного представителя России при ООН.</p>
<p>По его словам, заседание планируется провести в понедельник в 16:00 по нью-йоркскому времени.</p></article></body></html>`
	cp1251, err := charmap.Windows1251.NewEncoder().String(ru)
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name   string
		page   string
		header http.Header
	}{
		{"charset from header", cp1251, http.Header{"Content-Type": {"text/html; charset=windows-1251"}}},
		{"charset from meta", strings.Replace(cp1251, "<head>", `<head><meta charset="windows-1251">`, 1), nil},
		{"utf-8", ru, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a, err := ExtractHTML([]byte(tt.page), "https://tass.ru/politika/1", tt.header, testOptions())
			if err != nil {
				t.Fatal(err)
			}
			if !strings.Contains(a.Text, "Совета Безопасности ООН") || a.Language != "ru" {
				t.Errorf("text %q, language %q", a.Text, a.Language)
			}
			if a.URL != "https://tass.ru/world/123" || a.Outlet.Name != "TASS" {
				t.Errorf("URL %q outlet %q, want the resolved canonical URL and TASS", a.URL, a.Outlet.Name)
			}
			if a.Title != "Россия запросила заседание СБ ООН" {
				t.Errorf("title %q", a.Title)
			}
		})
	}
}

func TestExtractHTMLNoArticle(t *testing.T) {
	_, err := ExtractHTML([]byte("<html><body><nav><a href=/>Home</a></nav></body></html>"), "https://example.org/", nil, testOptions())
	if ie, ok := err.(*InputError); !ok || ie.Reason != ReasonNoArticle || ie.Input != "https://example.org/" {
		t.Errorf("err = %v, want a no-article InputError naming the URL", err)
	}
}

func TestCleanURL(t *testing.T) {
	tests := []struct{ in, want string }{
		{" https://tass.com/world/1?utm_source=x&utm_medium=y#top ", "https://tass.com/world/1"},
		{"https://example.org/a?id=3&fbclid=abc", "https://example.org/a?id=3"},
		{"not a url", "not a url"},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			if got := cleanURL(tt.in); got != tt.want {
				t.Errorf("cleanURL(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestExtractHTMLHeavyPage(t *testing.T) {
	a, err := ExtractHTML([]byte(heavyPage()), "https://www.aljazeera.com/news/x", nil, testOptions())
	if err != nil {
		t.Fatal(err)
	}
	if n := strings.Count(a.Text, "officials said the strikes hit several sites"); n != 15 {
		t.Errorf("%d of 15 paragraphs extracted:\n%s", n, a.Text)
	}
	for _, junk := range []string{"Section 1", "Related story", "Footer link", "var cfg"} {
		if strings.Contains(a.Text, junk) {
			t.Errorf("page furniture %q in the text", junk)
		}
	}
	if a.Published.Format("2006-01-02T15:04") != "2024-02-03T10:00" {
		t.Errorf("published %v", a.Published)
	}
}
