package parallax

import "time"

// Event groups the reports of one real-world happening.
type Event struct {
	ID    string `json:"id"`
	Title string `json:"title"`
	// First and Last are the earliest and latest publication times of its
	// articles; Updated is when it last received one (store time).
	First   time.Time `json:"first,omitzero"`
	Last    time.Time `json:"last,omitzero"`
	Updated time.Time `json:"updated,omitzero"`
	// Articles and Outlets count members and distinct outlets.
	Articles int `json:"articles"`
	Outlets  int `json:"outlets"`
	// Closed is set once the event received nothing within the active window.
	Closed bool `json:"closed,omitempty"`
	// Thin marks an event started by an article with too little text to
	// cluster.
	Thin bool `json:"thin,omitempty"`
	// Conflicts counts conflicting figures in its dossier (for lists).
	Conflicts int `json:"conflicts,omitempty"`
	// Summary holds key figures for lists, e.g. "16 killed (Iraq)".
	Summary []string `json:"summary,omitempty"`
}

// Membership records why an article belongs to an event.
type Membership struct {
	ArticleID string  `json:"article_id"`
	EventID   string  `json:"event_id"`
	Score     float64 `json:"score"`
	// CopyOf is set when the article nearly duplicates an earlier member.
	CopyOf string `json:"copy_of,omitempty"`
	// Why is a JSON explanation of the decision (see cluster.Explanation).
	Why []byte `json:"why,omitempty"`
}
