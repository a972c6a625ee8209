package dossier

import (
	"cmp"
	"slices"
	"strings"

	"github.com/parallax-news/parallax"
)

// coverage lists the outlets, articles, copies, agencies and languages.
func (b *Builder) coverage(order []int, copies map[int]copyInfo) parallax.Coverage {
	var cv parallax.Coverage
	outlets := map[string]*parallax.OutletCoverage{}
	var outletOrder []string
	agencies := map[string]*parallax.AgencyCredit{}
	var agencyOrder []string
	langs := map[string]int{}
	for _, ai := range order {
		st := b.arts[ai]
		a := st.a
		ca := parallax.CoveredArticle{
			ID: a.ID, Outlet: st.outlet, Title: strings.TrimSpace(a.Title), URL: a.URL,
			Published: a.Published, Language: a.Language, Agencies: a.Agencies,
		}
		if ci, ok := copies[ai]; ok {
			ca.CopyOf = b.arts[ci.of].a.ID
			ca.CopyReason = ci.reason
			cv.Copies++
		} else {
			cv.Independent++
		}
		cv.Articles = append(cv.Articles, ca)
		if !a.Published.IsZero() {
			if cv.First.IsZero() || a.Published.Before(cv.First) {
				cv.First, cv.FirstArticle = a.Published, a.ID
			}
			if a.Published.After(cv.Last) {
				cv.Last, cv.LastArticle = a.Published, a.ID
			}
		}
		oc, ok := outlets[st.outlet]
		if !ok {
			oc = &parallax.OutletCoverage{Name: st.outlet, Country: a.Outlet.Country, Language: a.Outlet.Language, Notes: a.Outlet.Notes}
			outlets[st.outlet] = oc
			outletOrder = append(outletOrder, st.outlet)
		}
		oc.Articles++
		if _, ok := copies[ai]; ok {
			oc.Copies++
		}
		if !a.Published.IsZero() && (oc.First.IsZero() || a.Published.Before(oc.First)) {
			oc.First = a.Published
		}
		for _, name := range a.Agencies {
			name = strings.TrimSpace(name)
			if name == "" {
				continue
			}
			ac, ok := agencies[strings.ToLower(name)]
			if !ok {
				ac = &parallax.AgencyCredit{Name: name}
				agencies[strings.ToLower(name)] = ac
				agencyOrder = append(agencyOrder, strings.ToLower(name))
			}
			if !slices.Contains(ac.Articles, a.ID) {
				ac.Articles = append(ac.Articles, a.ID)
			}
			if !slices.Contains(ac.Outlets, st.outlet) {
				ac.Outlets = append(ac.Outlets, st.outlet)
			}
		}
		lang := a.Language
		if lang == "" {
			lang = "unknown"
		}
		langs[lang]++
	}
	for _, name := range outletOrder {
		cv.Outlets = append(cv.Outlets, *outlets[name])
	}
	for _, k := range agencyOrder {
		cv.Agencies = append(cv.Agencies, *agencies[k])
	}
	slices.SortStableFunc(cv.Agencies, func(x, y parallax.AgencyCredit) int { return cmp.Compare(len(y.Articles), len(x.Articles)) })
	for l, n := range langs {
		cv.Languages = append(cv.Languages, parallax.LanguageCount{Language: l, Articles: n})
	}
	slices.SortFunc(cv.Languages, func(x, y parallax.LanguageCount) int {
		if c := cmp.Compare(y.Articles, x.Articles); c != 0 {
			return c
		}
		return strings.Compare(x.Language, y.Language)
	})
	return cv
}
