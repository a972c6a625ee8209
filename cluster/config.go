package cluster

import (
	"fmt"
	"math"
	"time"
)

// Config holds the clusterer's parameters. Start from DefaultConfig; the
// zero value is not valid.
type Config struct {
	// Threshold is the score an article must reach against an open event
	// to join it; below it the article founds a new event.
	Threshold float64 `json:"threshold"`
	// ShortThreshold replaces Threshold for articles of at most ShortTerms
	// distinct content terms (a headline), and the two are interpolated
	// up to LongTerms: the cosines of short texts run higher by chance,
	// since one shared word is a large part of them.
	ShortThreshold float64 `json:"short_threshold"`
	ShortTerms     int     `json:"short_terms"`
	LongTerms      int     `json:"long_terms"`
	// Window is how long an event stays open without receiving an
	// article, measured on publication times.
	Window time.Duration `json:"window"`
	// MaxIdleArticles closes events without any known time once this
	// many articles arrived since their last member, so that streams
	// without publication dates still run in bounded memory. Zero means
	// never.
	MaxIdleArticles int `json:"max_idle_articles"`

	// TitleWeight and LeadWeight multiply the counts of words in the
	// title and in the lead (the first LeadWords words of the text),
	// because reports of one event agree most in what they put first.
	TitleWeight float64 `json:"title_weight"`
	LeadWeight  float64 `json:"lead_weight"`
	LeadWords   int     `json:"lead_words"`
	// CentroidWeight scales the content cosine with the event's centroid,
	// MemberWeight that with its closest recent member: the centroid
	// stands for what the reports agree on, the closest member catches a
	// report that follows one earlier report closely.
	CentroidWeight float64 `json:"centroid_weight"`
	MemberWeight   float64 `json:"member_weight"`
	// EntityWeight and FigureWeight scale entity and figure features
	// relative to content terms within the same vector.
	EntityWeight float64 `json:"entity_weight"`
	FigureWeight float64 `json:"figure_weight"`
	// NamesBias is added when both the article and the event name
	// entities: negative, it makes names on both sides that are not shared
	// count against the event, while an article without names (a
	// lower-cased headline) is judged on its other evidence alone.
	NamesBias float64 `json:"names_bias"`
	// OneSidedDate is added when only one of article and event dates its
	// happening to the day: negative, it asks reports of a dated
	// happening to agree on the date rather than merely not contradict it.
	// Splits undo the joins it used to prevent, so it is milder than the
	// −0.26 fitted before them (re-tuned on ECB+ topics 1–25: a plateau
	// from −0.05 to −0.15).
	OneSidedDate float64 `json:"one_sided_date"`
	// SplitRatio enables splitting an event whose recent members form two
	// groups each more alike within than across: the event splits when
	// the mean similarity across the best two-way partition, over that
	// within, falls below SplitRatio (0 disables splitting), counting
	// SplitDated times the difference in the groups' shares of members
	// dated to the day in favour of a split. SplitMin is the least
	// members a group needs.
	SplitRatio float64 `json:"split_ratio"`
	SplitDated float64 `json:"split_dated"`
	SplitMin   int     `json:"split_min"`
	// MoveAge is how many articles arrive after an article before it is
	// reviewed (see Clusterer.Settle): it moves to another open event when
	// its mean similarity with that event's members exceeds that with the
	// rest of its own by MoveMargin; an article alone in its event counts
	// MoveAlone as its own. 0 disables reviews.
	MoveAge    int     `json:"move_age"`
	MoveMargin float64 `json:"move_margin"`
	MoveAlone  float64 `json:"move_alone"`
	// DateWeight scales the date evidence, from +DateWeight (happenings
	// on the same days) to -DateWeight (happenings a year or more apart).
	DateWeight float64 `json:"date_weight"`
	// DateReward is the share of DateWeight that happenings on the same
	// days earn: small, because in a live stream most concurrent events
	// happen on the same days, while happenings far apart are strong
	// evidence of different events.
	DateReward float64 `json:"date_reward"`
	// SameDays is the largest gap between happening dates still counted
	// as the same happening; DifferentDays the gap from which dates count
	// against it, in full from ten times that gap.
	SameDays      int `json:"same_days"`
	DifferentDays int `json:"different_days"`

	// MinTerms is the fewest distinct content terms an article needs to
	// be clustered; with fewer it founds a thin event of its own.
	MinTerms int `json:"min_terms"`
	// CopySimilarity is the least estimated share of word 3-shingles two
	// articles must have in common to count as near-duplicates;
	// CopyMinWords the fewest words an article needs for the estimate to
	// mean something (shorter texts are copies only when identical once
	// normalized).
	CopySimilarity float64 `json:"copy_similarity"`
	CopyMinWords   int     `json:"copy_min_words"`

	// QueryFeatures is how many of an article's strongest features look
	// up candidate events; PostingCap bounds each posting list (the most
	// recent events are kept); Candidates is how many candidates are
	// scored in full; IndexFeatures bounds the features indexed per event.
	QueryFeatures int `json:"query_features"`
	PostingCap    int `json:"posting_cap"`
	Candidates    int `json:"candidates"`
	IndexFeatures int `json:"index_features"`
	// CentroidFeatures bounds the features an event keeps.
	CentroidFeatures int `json:"centroid_features"`
}

// DefaultConfig returns the parameters tuned on ECB+ topics 1–25 (see
// docs/clustering.md).
func DefaultConfig() Config {
	return Config{
		Threshold:        0.15,
		ShortThreshold:   0.30,
		ShortTerms:       10,
		LongTerms:        80,
		Window:           7 * 24 * time.Hour,
		MaxIdleArticles:  200000,
		TitleWeight:      3,
		LeadWeight:       2,
		LeadWords:        60,
		CentroidWeight:   1,
		MemberWeight:     0.66,
		EntityWeight:     1.09,
		FigureWeight:     0.60,
		DateWeight:       0.33,
		NamesBias:        -0.37,
		OneSidedDate:     -0.10,
		SplitRatio:       0.40,
		SplitDated:       0.50,
		SplitMin:         5,
		MoveAge:          400,
		MoveMargin:       0.10,
		MoveAlone:        0.10,
		DateReward:       0.25,
		SameDays:         3,
		DifferentDays:    45,
		MinTerms:         2,
		CopySimilarity:   0.75,
		CopyMinWords:     25,
		QueryFeatures:    16,
		PostingCap:       64,
		Candidates:       24,
		IndexFeatures:    64,
		CentroidFeatures: 400,
	}
}

// Validate reports the first parameter out of range.
func (c Config) Validate() error {
	switch {
	case !(c.Threshold > 0 && c.Threshold < 2):
		return fmt.Errorf("threshold %v: want a value in (0, 2)", c.Threshold)
	case !(c.ShortThreshold > 0 && c.ShortThreshold < 2):
		return fmt.Errorf("short threshold %v: want a value in (0, 2)", c.ShortThreshold)
	case c.ShortTerms < 1 || c.LongTerms <= c.ShortTerms:
		return fmt.Errorf("short terms %d, long terms %d: want 1 <= short < long", c.ShortTerms, c.LongTerms)
	case c.Window <= 0:
		return fmt.Errorf("window %v: want a positive duration", c.Window)
	case c.MaxIdleArticles < 0:
		return fmt.Errorf("max idle articles %d: want 0 (never) or more", c.MaxIdleArticles)
	case c.TitleWeight < 0 || c.LeadWeight < 0 || c.EntityWeight < 0 || c.FigureWeight < 0 || c.DateWeight < 0:
		return fmt.Errorf("weights must not be negative")
	case c.SplitRatio < 0 || c.SplitRatio > 0 && c.SplitMin < 2:
		return fmt.Errorf("split ratio %v with split min %d: want a ratio >= 0 and, when splitting, groups of at least 2", c.SplitRatio, c.SplitMin)
	case c.MoveAge < 0 || c.MoveMargin < 0:
		return fmt.Errorf("move age %d, move margin %v: want values >= 0", c.MoveAge, c.MoveMargin)
	case c.DateReward < 0 || c.DateReward > 1:
		return fmt.Errorf("date reward %v: want 0..1", c.DateReward)
	case c.LeadWords < 0:
		return fmt.Errorf("lead words %d: want 0 or more", c.LeadWords)
	case c.SameDays < 0 || c.DifferentDays <= c.SameDays:
		return fmt.Errorf("same days %d, different days %d: want 0 <= same < different", c.SameDays, c.DifferentDays)
	case c.MinTerms < 1:
		return fmt.Errorf("min terms %d: want at least 1", c.MinTerms)
	case !(c.CopySimilarity >= 0.5 && c.CopySimilarity <= 1):
		return fmt.Errorf("copy similarity %v: want 0.5..1 (the MinHash index finds few pairs below)", c.CopySimilarity)
	case c.QueryFeatures < 1 || c.PostingCap < 1 || c.Candidates < 1 || c.IndexFeatures < 1:
		return fmt.Errorf("query features, posting cap, candidates and index features must be positive")
	case c.CentroidFeatures < 16:
		return fmt.Errorf("centroid features %d: want at least 16", c.CentroidFeatures)
	}
	return nil
}

// threshold returns the threshold for an article with terms distinct
// content terms.
func (c Config) threshold(terms int) float64 {
	switch {
	case terms <= c.ShortTerms:
		return c.ShortThreshold
	case terms >= c.LongTerms:
		return c.Threshold
	}
	x := (math.Log(float64(terms)) - math.Log(float64(c.ShortTerms))) / (math.Log(float64(c.LongTerms)) - math.Log(float64(c.ShortTerms)))
	return c.ShortThreshold + x*(c.Threshold-c.ShortThreshold)
}
