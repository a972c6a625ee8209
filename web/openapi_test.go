package web

import (
	"encoding/json"
	"regexp"
	"sort"
	"strings"
	"testing"
)

// TestOpenAPIMatchesRoutes walks the routing table and the OpenAPI
// document and checks that they name the same API operations with the
// same path parameters.
func TestOpenAPIMatchesRoutes(t *testing.T) {
	f := newFixture(t, nil)
	_, body := f.get(t, "/api/openapi.json")
	var doc struct {
		OpenAPI string `json:"openapi"`
		Paths   map[string]map[string]struct {
			OperationID string `json:"operationId"`
			Parameters  []struct {
				Name, In string
			} `json:"parameters"`
		} `json:"paths"`
	}
	if err := json.Unmarshal([]byte(body), &doc); err != nil {
		t.Fatalf("openapi.json: %v", err)
	}
	if !strings.HasPrefix(doc.OpenAPI, "3.") {
		t.Errorf("openapi version %q", doc.OpenAPI)
	}
	param := regexp.MustCompile(`\{([a-z]+)(\.\.\.)?\}`)
	inCode := map[string][]string{} // "GET /api/events/{id}" → path params
	for _, rt := range f.srv.Routes() {
		if !rt.API {
			continue
		}
		var ps []string
		for _, m := range param.FindAllStringSubmatch(rt.Pattern, -1) {
			ps = append(ps, m[1])
		}
		inCode[rt.Method+" "+rt.Pattern] = ps
	}
	inDoc := map[string][]string{}
	for path, ops := range doc.Paths {
		for method, op := range ops {
			var ps []string
			for _, p := range op.Parameters {
				if p.In == "path" {
					ps = append(ps, p.Name)
				}
			}
			if op.OperationID == "" {
				t.Errorf("%s %s: no operationId", method, path)
			}
			inDoc[strings.ToUpper(method)+" "+path] = ps
		}
	}
	for k, ps := range inCode {
		dps, ok := inDoc[k]
		if !ok {
			t.Errorf("route %s is not in openapi.json", k)
			continue
		}
		sort.Strings(ps)
		sort.Strings(dps)
		if strings.Join(ps, ",") != strings.Join(dps, ",") {
			t.Errorf("%s: path parameters %v in code, %v in openapi.json", k, ps, dps)
		}
	}
	for k := range inDoc {
		if _, ok := inCode[k]; !ok {
			t.Errorf("openapi.json documents %s, which no route serves", k)
		}
	}
}
