package parallax

// Outlet is a news organization that publishes articles.
type Outlet struct {
	Name     string `json:"name,omitempty"`
	Country  string `json:"country,omitempty"`  // ISO 3166-1 alpha-2
	Language string `json:"language,omitempty"` // ISO 639-1
	Notes    string `json:"notes,omitempty"`    // e.g. "state-affiliated"
	// Host is the web host the outlet publishes on, when known.
	Host string `json:"host,omitempty"`
	// Source says how the outlet was recognized: "url", "feed", "byline",
	// "dateline", "credit", "metadata"; Reason explains an inference.
	Source string `json:"source,omitempty"`
	Reason string `json:"reason,omitempty"`
}

// Known reports whether the outlet was recognized.
func (o Outlet) Known() bool { return o.Name != "" }
