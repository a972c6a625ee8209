package parallax

import "time"

// Dossier compares the reports of one event: who covered it, which claims
// the outlets share and which only one carries, how their figures compare,
// who said what, who disputes what, what happened when and which words each
// outlet chose. Every item carries Evidence pointing back to the sentences
// it was derived from, so a reader can check any finding at its source.
//
// A Dossier is derived data: package dossier builds it from an Event's
// articles, and stores keep it as a document (kind "dossier").
type Dossier struct {
	EventID  string   `json:"event_id"`
	Title    string   `json:"title"`
	Coverage Coverage `json:"coverage"`
	// Claims are sentences aligned across articles, the most widely
	// carried first.
	Claims   []Claim            `json:"claims"`
	Figures  []FigureComparison `json:"figures"`
	Speakers []SpeakerQuotes    `json:"speakers"`
	Disputes []Dispute          `json:"disputes"`
	Timeline []Happening        `json:"timeline"`
	Framing  Framing            `json:"framing"`
	Related  []RelatedEvent     `json:"related"`
	Recycled []RecycledMark     `json:"recycled"`
}

// Evidence points to the sentence a finding comes from: the article, its
// outlet, the sentence's byte offsets into the article's Text and the
// sentence itself. Mention, when set, is the narrower span the finding is
// about (a figure, a quote, a date) inside that sentence.
type Evidence struct {
	ArticleID string `json:"article_id"`
	Outlet    string `json:"outlet"`
	Start     int    `json:"start"`
	End       int    `json:"end"`
	Sentence  string `json:"sentence"`
	Mention   *Span  `json:"mention,omitempty"`
	// Post is set when the finding comes from a social-media post the
	// article embeds (Article.Posts[*Post]) rather than from its text;
	// Start and End are then zero and Sentence is the post's text.
	Post *int `json:"post,omitempty"`
}

// Coverage says who reported an event and when, which reports are copies of
// others and which are independent, which wire agencies are credited and
// in which languages the reports are written.
type Coverage struct {
	Articles []CoveredArticle `json:"articles"`
	Outlets  []OutletCoverage `json:"outlets"`
	// First and Last are the earliest and latest publication times known.
	First        time.Time `json:"first,omitzero"`
	Last         time.Time `json:"last,omitzero"`
	FirstArticle string    `json:"first_article,omitempty"`
	LastArticle  string    `json:"last_article,omitempty"`
	// Independent counts reports that copy no other member; Copies the rest.
	Independent int             `json:"independent"`
	Copies      int             `json:"copies"`
	Agencies    []AgencyCredit  `json:"agencies"`
	Languages   []LanguageCount `json:"languages"`
}

// CoveredArticle is one member of an event as the coverage lists it.
type CoveredArticle struct {
	ID        string    `json:"id"`
	Outlet    string    `json:"outlet"`
	Title     string    `json:"title,omitempty"`
	URL       string    `json:"url,omitempty"`
	Published time.Time `json:"published,omitzero"`
	Language  string    `json:"language,omitempty"`
	Agencies  []string  `json:"agencies,omitempty"`
	// CopyOf names the earlier member this one nearly duplicates;
	// CopyReason says how that was found (the clusterer, or the dossier's
	// own text comparison with its similarity).
	CopyOf     string `json:"copy_of,omitempty"`
	CopyReason string `json:"copy_reason,omitempty"`
}

// OutletCoverage summarizes one outlet's reports of an event.
type OutletCoverage struct {
	Name     string    `json:"name"`
	Country  string    `json:"country,omitempty"`
	Language string    `json:"language,omitempty"`
	Notes    string    `json:"notes,omitempty"`
	Articles int       `json:"articles"`
	Copies   int       `json:"copies"`
	First    time.Time `json:"first,omitzero"`
}

// AgencyCredit is a wire agency credited by some of an event's reports.
type AgencyCredit struct {
	Name     string   `json:"name"`
	Articles []string `json:"articles"`
	Outlets  []string `json:"outlets"`
}

// LanguageCount counts an event's reports in one language.
type LanguageCount struct {
	Language string `json:"language"`
	Articles int    `json:"articles"`
}

// Claim statuses.
const (
	ClaimAgreed = "agreed" // carried by two or more independent outlets
	ClaimOnly   = "only"   // carried by one outlet only
)

// Claim is one piece of content (a sentence, or sentences saying the same
// in other words) with the outlets that carry it.
type Claim struct {
	// Text is the representative wording: the member sentence closest to
	// all others.
	Text   string `json:"text"`
	Status string `json:"status"`
	// Outlets carry the claim in independent reports; CopiedBy only in
	// copies of another member.
	Outlets  []string `json:"outlets"`
	CopiedBy []string `json:"copied_by,omitempty"`
	// Verbatim is set when the outlets word the claim (nearly) the same:
	// agreement that most likely comes from one wire source.
	Verbatim bool       `json:"verbatim,omitempty"`
	Evidence []Evidence `json:"evidence"`
}

// Figure statuses, for a scope and for a whole comparison.
const (
	FigureConsistent     = "consistent"      // all values compatible
	FigureConflicting    = "conflicting"     // some values cannot all be true
	FigureDifferentScope = "different scope" // values for different places or groups
	FigureSingle         = "single source"   // one outlet only
)

// Figure is one quantity as an article states it. Low and High bound the
// value; an open side ("more than 85", "up to 40") repeats Value and Bound
// says which side is open.
type Figure struct {
	Text  string  `json:"text"`
	Value float64 `json:"value"`
	Low   float64 `json:"low"`
	High  float64 `json:"high"`
	Bound string  `json:"bound"`
	Unit  string  `json:"unit,omitempty"`
	Scope string  `json:"scope,omitempty"`
	// Source is who the article says gave the figure ("CENTCOM").
	Source   string   `json:"source,omitempty"`
	Evidence Evidence `json:"evidence"`
}

// FigureScope holds the figures of one role for one place or group.
type FigureScope struct {
	// Scope is the place or group ("Iraq"), "" when the text names none;
	// Within is the larger scope it lies in, when known ("Iraq" for
	// "Anbar").
	Scope   string   `json:"scope"`
	Within  string   `json:"within,omitempty"`
	Status  string   `json:"status"`
	Outlets []string `json:"outlets"`
	Figures []Figure `json:"figures"`
}

// FigureConflict is a pair of figures that cannot both be true, with the
// reason why.
type FigureConflict struct {
	A      Figure `json:"a"`
	B      Figure `json:"b"`
	Reason string `json:"reason"`
}

// FigurePair is a pair of figures for different scopes that agree: the
// figure for a part (Anbar) equals the figure for its whole (Iraq).
type FigurePair struct {
	A      Figure `json:"a"`
	B      Figure `json:"b"`
	Reason string `json:"reason"`
}

// FigureComparison compares what an event's articles count in one role
// (killed, injured, targets…) across outlets and scopes.
type FigureComparison struct {
	Role      string           `json:"role"`
	Unit      string           `json:"unit,omitempty"`
	Status    string           `json:"status"`
	Scopes    []FigureScope    `json:"scopes"`
	Conflicts []FigureConflict `json:"conflicts,omitempty"`
	// Agreements are figures of nested scopes that say the same.
	Agreements []FigurePair `json:"agreements,omitempty"`
}

// SpeakerQuotes gathers what one speaker is quoted as saying, merged
// across the spellings outlets use for the name.
type SpeakerQuotes struct {
	Speaker    string      `json:"speaker"`
	ID         string      `json:"entity,omitempty"`
	Variants   []string    `json:"variants,omitempty"`
	Role       string      `json:"role,omitempty"`
	Statements []Statement `json:"statements"`
}

// Statement is one thing a speaker said, as each outlet renders it
// (verbatim, translated or paraphrased).
type Statement struct {
	Text    string      `json:"text"`
	Outlets []string    `json:"outlets"`
	Quotes  []QuoteItem `json:"quotes"`
}

// QuoteItem is one outlet's rendering of a statement.
type QuoteItem struct {
	Text   string `json:"text"`
	Direct bool   `json:"direct"`
	Medium string `json:"medium,omitempty"`
	Verb   string `json:"verb,omitempty"`
	// Speaker is the name as this article writes it.
	Speaker  string   `json:"speaker,omitempty"`
	Evidence Evidence `json:"evidence"`
}

// Dispute is an explicit disagreement: actors who deny, refute or
// contradict a claim, linked to the claim when the articles state it.
type Dispute struct {
	// Claimant is who made the disputed claim; Claim is the claim's
	// wording with its evidence (empty when no article states it).
	Claimant      string      `json:"claimant,omitempty"`
	Claim         string      `json:"claim,omitempty"`
	ClaimEvidence []Evidence  `json:"claim_evidence,omitempty"`
	Objections    []Objection `json:"objections"`
	Outlets       []string    `json:"outlets"`
}

// Objection is one actor's disagreement with a claim.
type Objection struct {
	Actor string `json:"actor,omitempty"`
	// Cue is the dispute language found ("contradicted", "false claims").
	Cue      string   `json:"cue"`
	Evidence Evidence `json:"evidence"`
}

// Happening is a dated occurrence the event's articles mention, merged
// across outlets.
type Happening struct {
	// Value is the TIMEX3 value (2024-01-28, 2024-02-05T16:00).
	Value string `json:"value"`
	// UTC is the instant when an article states a time with a zone; UTCText
	// renders it in ISO 8601 (2024-02-05T21:00Z).
	UTC     *time.Time   `json:"utc,omitempty"`
	UTCText string       `json:"utc_text,omitempty"`
	Stated  []StatedTime `json:"stated"`
	// Summary is the clause that says what happened.
	Summary  string     `json:"summary"`
	Outlets  []string   `json:"outlets"`
	Evidence []Evidence `json:"evidence"`
}

// StatedTime is a time as one article writes it, with the zone it names.
type StatedTime struct {
	Text      string `json:"text"`
	Zone      string `json:"zone,omitempty"`
	Outlet    string `json:"outlet"`
	ArticleID string `json:"article_id"`
}

// Framing says how the outlets covering an event word it differently.
type Framing struct {
	// Event lists words distinctive of the whole event's coverage against
	// the background of all stored articles.
	Event   []Term          `json:"event"`
	Outlets []OutletFraming `json:"outlets"`
}

// OutletFraming is one outlet's word choice against the other outlets
// covering the same event.
type OutletFraming struct {
	Outlet string `json:"outlet"`
	// Distinctive are the words and phrases the outlet uses more than the
	// others (log-odds ratio with an informative Dirichlet prior).
	Distinctive []Term `json:"distinctive"`
	// Action is how the outlet names the main action (strikes, attack…).
	Action []Term `json:"action"`
	// Markers are loaded or hedging words the outlet uses (aggression,
	// martyrs, allegedly).
	Markers []Term `json:"markers"`
}

// Term is a word or phrase with its count and, for distinctive terms, its
// z-score.
type Term struct {
	Term  string  `json:"term"`
	Count int     `json:"count"`
	Z     float64 `json:"z,omitempty"`
	// Evidence holds the first sentence using the term.
	Evidence *Evidence `json:"evidence,omitempty"`
}

// RelatedEvent is a similar but different event the clusterer kept apart.
type RelatedEvent struct {
	EventID  string    `json:"event_id"`
	Title    string    `json:"title"`
	First    time.Time `json:"first,omitzero"`
	Last     time.Time `json:"last,omitzero"`
	Articles int       `json:"articles"`
	Score    float64   `json:"score"`
}

// Kinds of recycled marks.
const (
	RecycledDuplicate = "near-duplicate" // an earlier article has nearly the same text
	RecycledDates     = "old dates"      // the text's dates lie far before publication
)

// RecycledMark flags an article that may be an old story republished.
type RecycledMark struct {
	ArticleID string    `json:"article_id"`
	Outlet    string    `json:"outlet"`
	Published time.Time `json:"published,omitzero"`
	Kind      string    `json:"kind"`
	Reason    string    `json:"reason"`
	// Original is the earlier article nearly duplicated (near-duplicate
	// kind), with its publication time and the text similarity.
	Original          string     `json:"original,omitempty"`
	OriginalPublished time.Time  `json:"original_published,omitzero"`
	Similarity        float64    `json:"similarity,omitempty"`
	Evidence          []Evidence `json:"evidence,omitempty"`
}
