package dossier_test

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/parallax-news/parallax"
	"github.com/parallax-news/parallax/dossier"
)

var (
	update   = flag.Bool("update", false, "rewrite the golden dossiers in testdata/dossier from the frozen extractions")
	refreeze = flag.Bool("refreeze", false, "rewrite the frozen extractions in testdata/dossier from the live pipeline (review them: they change with the extractors)")
)

// expectation is one finding a careful reader lists for an event, with the
// reasoning that makes it right, or one thing the dossier must not claim.
type expectation struct {
	what string
	why  string
	ok   func(d *parallax.Dossier) bool
}

// goldenCase is an event of the golden tests. live reads its articles
// through ingest and the real extractors; the frozen copy of that output
// (NAME.articles.json) makes the golden dossier (NAME.golden.md) depend on
// this package alone (-update rewrites it), while the expectations are
// checked on both, so that a change in an extractor that loses a finding
// fails here too. -refreeze rewrites the frozen extraction from the live
// pipeline.
type goldenCase struct {
	name   string
	live   func(t testing.TB) []*parallax.Article
	opts   func(arts []*parallax.Article) dossier.Options
	expect []expectation
}

var goldenCases = []goldenCase{
	{
		name: "seeds-2024",
		live: seedEvent,
		expect: []expectation{
			{
				what: "injured in Iraq conflict: 25 (Al Mayadeen) vs 36 (Shafaq News)",
				why: "Al Mayadeen gives 16 dead and 25 injured \"in Iraq alone\"; Shafaq News quotes al-Awadi: the " +
					"attacks in Anbar province, western Iraq, killed 16 and injured 36. Anbar lies in Iraq, so 36 " +
					"injured there cannot be true with 25 in all of Iraq.",
				ok: func(d *parallax.Dossier) bool {
					f := figureRole(d, "injured")
					return f != nil && f.Status == parallax.FigureConflicting && conflictValues(f, 25, 36)
				},
			},
			{
				what: "16 killed agreed (Iraq / Anbar), no conflict on the dead",
				why: "Both outlets give 16 dead for Iraq, one for the country, one for its Anbar province: the " +
					"same count, the part equal to the whole.",
				ok: func(d *parallax.Dossier) bool {
					f := figureRole(d, "killed")
					if f == nil || len(f.Conflicts) > 0 {
						return false
					}
					for _, a := range f.Agreements {
						if a.A.Value == 16 && a.B.Value == 16 {
							return true
						}
					}
					return false
				},
			},
			{
				what: "death tolls of different scope: 16 in Iraq, almost 30 in Syria, nearly 40 in all",
				why: "The Russian outlet gives almost 30 dead in Syria, Palestine Chronicle (citing Reuters) " +
					"nearly 40 for the strikes in Iraq and Syria: different places, not rival counts, and never " +
					"summed into a conflict.",
				ok: func(d *parallax.Dossier) bool {
					f := figureRole(d, "killed")
					return f != nil && f.Status == parallax.FigureDifferentScope &&
						hasFigure(f, "Syria", 30) && hasFigureValue(f, 40, "Reuters")
				},
			},
			{
				what: "85 targets consistent across outlets, as reported by CENTCOM",
				why: "\"more than 85 targets\" (Al Mayadeen, the Russian outlet, Shafaq News) and \"85 targets\" " +
					"(Palestine Chronicle) agree: more than 85 includes 85.",
				ok: func(d *parallax.Dossier) bool {
					f := figureRole(d, "targets")
					return f != nil && f.Status == parallax.FigureConsistent && figureOutlets(f, 85) >= 3 && figureSource(f, "CENTCOM")
				},
			},
			{
				what: "125 munitions consistent: \"125\" and \"more than 125\"",
				why:  "The Russian outlet's 125 munitions and Shafaq News's more than 125 precision munitions are compatible.",
				ok: func(d *parallax.Dossier) bool {
					f := figureRole(d, "munitions")
					return f != nil && f.Status == parallax.FigureConsistent && figureOutlets(f, 125) >= 2
				},
			},
			{
				what: "Polyanskiy's statement matched across X and Telegram, both spellings merged",
				why: "Al Mayadeen quotes his post on X (\"Russia has just called for an urgent UN Security Council " +
					"meeting…\"), the Russian outlet the Telegram message (\"We have just requested an urgent " +
					"meeting…\"): one statement in two translations, by one man spelled Polyanskiy and Polyansky.",
				ok: func(d *parallax.Dossier) bool {
					for _, s := range d.Speakers {
						if !strings.Contains(s.Speaker, "Polyansk") {
							continue
						}
						spellings := strings.Join(s.Variants, " ")
						if !strings.Contains(spellings, "Polyanskiy") || !strings.Contains(spellings, "Polyansky ") && !strings.HasSuffix(spellings, "Polyansky") {
							return false
						}
						for _, st := range s.Statements {
							if hasMedium(st, "X") && hasMedium(st, "Telegram") {
								return true
							}
						}
					}
					return false
				},
			},
			{
				what: "Kirby says Iraq was told in advance; al-Awadi and the Iraqi government dispute it",
				why: "Shafaq News: Kirby said the US notified the Iraqi government; al-Awadi contradicted this " +
					"claim (no prior coordination); the Russian outlet: al-Awadi pointed to false US claims of " +
					"coordination.",
				ok: func(d *parallax.Dossier) bool {
					for _, x := range d.Disputes {
						if !strings.Contains(x.Claimant, "Kirby") {
							continue
						}
						outlets := map[string]bool{}
						for _, o := range x.Objections {
							if strings.Contains(strings.ToLower(o.Actor), "awadi") {
								outlets[o.Evidence.Outlet] = true
							}
						}
						return len(outlets) >= 2
					}
					return false
				},
			},
			{
				what: "the UNSC meeting at 2024-02-05T21:00Z, stated as 4 pm EST and as 16:00 New York / midnight Moscow",
				why: "Al Mayadeen: 4 pm EST [21:00 GMT] on February 5; the Russian outlet: 16:00 New York " +
					"time/midnight Moscow time on February 5 — one instant in three zones.",
				ok: func(d *parallax.Dossier) bool {
					h := happening(d, "2024-02-05T21:00Z")
					return h != nil && len(h.Outlets) >= 2 && stated(h, "4 pm EST") && (stated(h, "16:00") || stated(h, "Moscow"))
				},
			},
			{
				what: "the 28 January attack on the US base in Jordan",
				why:  "The Russian outlet and Palestine Chronicle both date the attack on the base in Jordan to January 28.",
				ok: func(d *parallax.Dossier) bool {
					for _, h := range d.Timeline {
						if h.Value == "2024-01-28" && strings.Contains(h.Summary, "Jordan") && len(h.Outlets) >= 2 {
							return true
						}
					}
					return false
				},
			},
			{
				what: "framing: \"aggression\" and \"martyrs\" (Al Mayadeen), \"allegedly\" (Palestine Chronicle)",
				why: "Al Mayadeen calls the strikes aggression and the dead Armed Forces martyrs; Palestine " +
					"Chronicle's CENTCOM targets are \"allegedly\" operated by the IRGC.",
				ok: func(d *parallax.Dossier) bool {
					return hasMarker(d, "Al Mayadeen English", "aggression") && hasMarker(d, "Al Mayadeen English", "martyrs") &&
						hasMarker(d, "Palestine Chronicle", "allegedly")
				},
			},
			{
				what: "nothing recycled, no copies, four independent outlets",
				why: "The four reports were written apart (different wording throughout) and date what they " +
					"report to early February 2024.",
				ok: func(d *parallax.Dossier) bool {
					return len(d.Recycled) == 0 && d.Coverage.Copies == 0 && len(d.Coverage.Outlets) == 4
				},
			},
			{
				what: "no conflict invented: only the injured figures conflict",
				why:  "Every other count agrees or belongs to another place.",
				ok: func(d *parallax.Dossier) bool {
					for _, f := range d.Figures {
						if f.Status == parallax.FigureConflicting && f.Role != "injured" {
							return false
						}
					}
					return true
				},
			},
		},
	},
	{
		name: "seeds-2016-story",
		live: func(t testing.TB) []*parallax.Article {
			_, other := seedFiles(t)
			return []*parallax.Article{readSeed(t, other)}
		},
		opts: func([]*parallax.Article) dossier.Options {
			return dossier.Options{Related: []dossier.Candidate{{
				Event: &parallax.Event{ID: "seeds-2024", Title: "Russia Calls for UNSC Meeting Following US Aggression on Iraq, Syria", Articles: 4},
				Score: 0.41,
			}}}
		},
		expect: []expectation{
			{
				what: "the 2024 event listed as related",
				why:  "Both report Russia calling a UN Security Council meeting over US strikes, eight years apart: similar, not the same event.",
				ok:   func(d *parallax.Dossier) bool { return len(d.Related) == 1 && d.Related[0].EventID == "seeds-2024" },
			},
			{
				what: "no \"possibly recycled\" mark without evidence",
				why: "The 2016 story runs under a 2024 date, but nothing stored predates it and its text writes " +
					"no dated year (only \"since 2011\"): a mark would be a guess.",
				ok: func(d *parallax.Dossier) bool { return len(d.Recycled) == 0 },
			},
			{
				what: "no figures compared, no dispute invented",
				why:  "One report compares nothing; the Pentagon \"did not admit\" is not a dispute cue with a stated claim.",
				ok: func(d *parallax.Dossier) bool {
					for _, f := range d.Figures {
						if f.Status != parallax.FigureSingle {
							return false
						}
					}
					return true
				},
			},
		},
	},
	{
		name: "ecbplus-qeshm",
		live: func(t testing.TB) []*parallax.Article { return loadECBEvent(t, "ecbplus-qeshm") },
		expect: []expectation{
			{
				what: "injured conflict: about 50 (Los Angeles Times) vs 70 (Softpedia) vs 80 (The New York Times)",
				why: "The three reports give the earthquake's injured as about 50, 70 and 80 in their opening " +
					"sentences: rival counts of the same injured.",
				ok: func(d *parallax.Dossier) bool {
					f := figureRole(d, "injured")
					return f != nil && f.Status == parallax.FigureConflicting && conflictValues(f, 50, 80) && conflictValues(f, 70, 80)
				},
			},
			{
				what: "magnitude conflict: 5.9 vs 6.1",
				why: "Tehran's seismological center (and IRNA) gave 5.9, the US Geological Survey 6.1 — the Los " +
					"Angeles Times states both; past quakes (Bam 6.7, Zarand 6.4) and aftershocks are other shocks.",
				ok: func(d *parallax.Dossier) bool {
					f := figureRole(d, "magnitude")
					return f != nil && f.Status == parallax.FigureConflicting && conflictValues(f, 5.9, 6.1) &&
						!conflictValues(f, 6.7, 5.9) && !conflictValues(f, 6.4, 5.9)
				},
			},
			{
				what: "10 killed everywhere, no conflict on the dead of this quake",
				why: "Every report gives 10 (or at least 10) dead; the tolls of Bam (2003) and of an earthquake " +
					"in China are other happenings and must not be read as rival counts.",
				ok: func(d *parallax.Dossier) bool {
					f := figureRole(d, "killed")
					return f != nil && len(f.Conflicts) == 0 && figureOutlets(f, 10) >= 5
				},
			},
			{
				what: "agreed: the quake was felt in Oman and the United Arab Emirates",
				why:  "CBC, the Los Angeles Times and The New York Times each report buildings evacuated in Oman and the UAE.",
				ok: func(d *parallax.Dossier) bool {
					return agreedMentioning(d, "Oman") >= 2
				},
			},
			{
				what: "the earthquake on Sunday 27 November 2005 in the timeline, from several outlets",
				why:  "Sunday in reports of 27–28 November 2005 is 27 November.",
				ok: func(d *parallax.Dossier) bool {
					for _, h := range d.Timeline {
						if strings.HasPrefix(h.Value, "2005-11-27") && len(h.Outlets) >= 2 {
							return true
						}
					}
					return false
				},
			},
		},
	},
	{
		name: "ecbplus-athens",
		live: func(t testing.TB) []*parallax.Article { return loadECBEvent(t, "ecbplus-athens") },
		expect: []expectation{
			{
				what: "injured conflict: 12 (USA Today) vs 18 (Reuters), both from the police",
				why:  "\"Police said 12 people were injured in the riots\" vs \"Police said 18 people had been injured in the violence\".",
				ok: func(d *parallax.Dossier) bool {
					f := figureRole(d, "injured")
					return f != nil && f.Status == parallax.FigureConflicting && conflictValues(f, 12, 18)
				},
			},
			{
				what: "three dead, no conflict on the dead",
				why:  "All reports give three bank workers dead (two women and a man): the two women are part of the three.",
				ok: func(d *parallax.Dossier) bool {
					f := figureRole(d, "killed")
					return f != nil && len(f.Conflicts) == 0 && figureOutlets(f, 3) >= 3
				},
			},
			{
				what: "the Philippine Daily Inquirer runs a copy of The National's wire story",
				why:  "60% of the Inquirer's word sequences repeat The National's (both run the same agency story).",
				ok: func(d *parallax.Dossier) bool {
					for _, a := range d.Coverage.Articles {
						if a.ID == "8_2ecbplus" {
							return a.CopyOf == "8_1ecbplus"
						}
					}
					return false
				},
			},
			{
				what: "Papandreou's statement on the \"murderous act\" matched across at least three outlets",
				why: "ABC and Reuters quote \"We are (all) deeply shocked by the unjust death…\" in two " +
					"translations, others the words \"raw murderous act\".",
				ok: func(d *parallax.Dossier) bool {
					for _, s := range d.Speakers {
						if !strings.Contains(s.Speaker, "Papandreou") {
							continue
						}
						for _, st := range s.Statements {
							if len(st.Outlets) >= 3 {
								return true
							}
						}
					}
					return false
				},
			},
			{
				what: "no dispute invented",
				why:  "No actor in these reports denies or refutes another's claim.",
				ok:   func(d *parallax.Dossier) bool { return len(d.Disputes) == 0 },
			},
		},
	},
	{
		name: "ecbplus-troy",
		live: func(t testing.TB) []*parallax.Article { return loadECBEvent(t, "ecbplus-troy") },
		expect: []expectation{
			{
				what: "no figure conflict: one dead and two wounded everywhere",
				why: "Every report gives one woman dead and two men wounded; differing counts (three shot, " +
					"five dead in Salt Lake City) count other things and are not conflicts.",
				ok: func(d *parallax.Dossier) bool {
					for _, f := range d.Figures {
						if len(f.Conflicts) > 0 {
							return false
						}
					}
					return true
				},
			},
			{
				what: "agreed by three or more outlets: the suspect was arrested after a high-speed chase",
				why:  "The Age, the New York Times and NBC carry the AP sentence on the arrest after the chase.",
				ok: func(d *parallax.Dossier) bool {
					for _, c := range d.Claims {
						if c.Status == parallax.ClaimAgreed && len(c.Outlets) >= 3 && strings.Contains(c.Text, "chase") {
							return true
						}
					}
					return false
				},
			},
			{
				what: "USA Today's first report is a copy of the AP story The Age also ran",
				why:  "Half of its word sequences repeat The Age's text, which was published an hour earlier.",
				ok: func(d *parallax.Dossier) bool {
					return d.Coverage.Copies >= 1
				},
			},
			{
				what: "no dispute invented",
				why:  "\"LaCalamita was denied a handgun permit\" is a refusal, not a dispute of a claim.",
				ok:   func(d *parallax.Dossier) bool { return len(d.Disputes) == 0 },
			},
		},
	},
}

func TestGolden(t *testing.T) {
	for _, gc := range goldenCases {
		t.Run(gc.name, func(t *testing.T) {
			frozen := filepath.Join("../testdata/dossier", gc.name+".articles.json")
			golden := filepath.Join("../testdata/dossier", gc.name+".golden.md")
			var live []*parallax.Article
			if *refreeze {
				live = gc.live(t)
				writeJSON(t, frozen, live)
			}
			arts := readArticles(t, frozen)
			d := dossier.Build(&parallax.Event{ID: gc.name}, arts, gc.options(arts))
			var md bytes.Buffer
			if err := dossier.WriteMarkdown(&md, d); err != nil {
				t.Fatal(err)
			}
			if *update {
				if err := os.WriteFile(golden, md.Bytes(), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run go test ./dossier -run TestGolden -update)", err)
			}
			if !bytes.Equal(md.Bytes(), want) {
				t.Errorf("dossier differs from %s; run with -update and review the diff", golden)
			}
			checkExpectations(t, "frozen", d, gc.expect)
			if _, err := json.Marshal(d); err != nil {
				t.Errorf("dossier does not encode as JSON: %v", err)
			}

			t.Run("live", func(t *testing.T) {
				if testing.Short() {
					t.Skip("the live pipeline loads the entity model")
				}
				if live == nil {
					live = gc.live(t)
				}
				d := dossier.Build(&parallax.Event{ID: gc.name}, live, gc.options(live))
				checkExpectations(t, "live", d, gc.expect)
			})
		})
	}
}

// options returns the case's options with the background of its articles.
func (gc goldenCase) options(arts []*parallax.Article) dossier.Options {
	var o dossier.Options
	if gc.opts != nil {
		o = gc.opts(arts)
	}
	o.Background = dossier.BackgroundOf(arts)
	return o
}

func checkExpectations(t *testing.T, run string, d *parallax.Dossier, es []expectation) {
	t.Helper()
	for _, e := range es {
		if !e.ok(d) {
			t.Errorf("%s: missing or wrong: %s\n\twhy: %s", run, e.what, e.why)
		}
	}
}

func writeJSON(t *testing.T, path string, v any) {
	t.Helper()
	data, err := json.MarshalIndent(v, "", " ")
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, append(data, '\n'), 0o644); err != nil {
		t.Fatal(err)
	}
}

func readArticles(t *testing.T, path string) []*parallax.Article {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test ./dossier -run TestGolden -update)", err)
	}
	var arts []*parallax.Article
	if err := json.Unmarshal(data, &arts); err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	return arts
}

func figureRole(d *parallax.Dossier, role string) *parallax.FigureComparison {
	for i := range d.Figures {
		if d.Figures[i].Role == role {
			return &d.Figures[i]
		}
	}
	return nil
}

func conflictValues(f *parallax.FigureComparison, a, b float64) bool {
	for _, c := range f.Conflicts {
		if c.A.Value == a && c.B.Value == b || c.A.Value == b && c.B.Value == a {
			return true
		}
	}
	return false
}

func hasFigure(f *parallax.FigureComparison, scope string, v float64) bool {
	for _, sc := range f.Scopes {
		if sc.Scope != scope {
			continue
		}
		for _, fg := range sc.Figures {
			if fg.Value == v {
				return true
			}
		}
	}
	return false
}

func hasFigureValue(f *parallax.FigureComparison, v float64, source string) bool {
	for _, sc := range f.Scopes {
		for _, fg := range sc.Figures {
			if fg.Value == v && strings.Contains(fg.Source, source) {
				return true
			}
		}
	}
	return false
}

// figureOutlets counts the outlets giving value v.
func figureOutlets(f *parallax.FigureComparison, v float64) int {
	outlets := map[string]bool{}
	for _, sc := range f.Scopes {
		for _, fg := range sc.Figures {
			if fg.Value == v {
				outlets[fg.Evidence.Outlet] = true
			}
		}
	}
	return len(outlets)
}

func figureSource(f *parallax.FigureComparison, source string) bool {
	for _, sc := range f.Scopes {
		for _, fg := range sc.Figures {
			if strings.Contains(fg.Source, source) {
				return true
			}
		}
	}
	return false
}

func hasMedium(st parallax.Statement, medium string) bool {
	return slices.ContainsFunc(st.Quotes, func(q parallax.QuoteItem) bool { return q.Medium == medium })
}

func happening(d *parallax.Dossier, utc string) *parallax.Happening {
	for i := range d.Timeline {
		if d.Timeline[i].UTCText == utc {
			return &d.Timeline[i]
		}
	}
	return nil
}

func stated(h *parallax.Happening, text string) bool {
	return slices.ContainsFunc(h.Stated, func(s parallax.StatedTime) bool { return strings.Contains(s.Text, text) })
}

func hasMarker(d *parallax.Dossier, outlet, term string) bool {
	for _, o := range d.Framing.Outlets {
		if o.Outlet != outlet {
			continue
		}
		for _, m := range o.Markers {
			if strings.HasPrefix(m.Term, term[:len(term)-1]) {
				return true
			}
		}
	}
	return false
}

// agreedMentioning counts the outlets of the agreed claims whose evidence
// mentions word.
func agreedMentioning(d *parallax.Dossier, word string) int {
	best := 0
	for _, c := range d.Claims {
		if c.Status != parallax.ClaimAgreed {
			continue
		}
		outlets := map[string]bool{}
		for _, e := range c.Evidence {
			if strings.Contains(e.Sentence, word) {
				outlets[e.Outlet] = true
			}
		}
		best = max(best, len(outlets))
	}
	return best
}
