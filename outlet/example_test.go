package outlet_test

import (
	"fmt"

	"github.com/parallax-news/parallax/outlet"
)

func ExampleCatalog_ByHost() {
	o, _ := outlet.Default().ByHost("https://tass.com/politics/1742733")
	fmt.Println(o.Name, o.Country, o.Notes)
	// Output: TASS RU state-owned
}

// Agencies finds the wire agencies a text credits, apart from the outlet
// that published it.
func ExampleCatalog_Agencies() {
	text := "The strikes killed nearly 40 people, according to Reuters news agency.\n(PC, Anadolu)"
	fmt.Println(outlet.Default().Agencies(text))
	// Output: [Reuters Anadolu Agency]
}
