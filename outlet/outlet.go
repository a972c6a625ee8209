// Package outlet recognizes news outlets and wire agencies: a catalog maps
// web hosts and names to outlets (name, country, language, notes such as
// state affiliation). A built-in default is embedded; users extend it with
// their own JSON or YAML file.
package outlet

import "github.com/parallax-news/parallax"

// Catalog maps hosts and names to outlets. It is safe for concurrent reads.
type Catalog struct {
	byHost map[string]*parallax.Outlet
	byName map[string]*parallax.Outlet
}

// Default returns the built-in catalog.
func Default() *Catalog { return &Catalog{} }

// ByHost returns the outlet publishing on host (or a parent domain of it).
func (c *Catalog) ByHost(host string) (parallax.Outlet, bool) { return parallax.Outlet{}, false }

// ByName returns the outlet with this name or alias, case-insensitively.
func (c *Catalog) ByName(name string) (parallax.Outlet, bool) { return parallax.Outlet{}, false }
