package quote

import (
	"fmt"
	"testing"
	"github.com/parallax-news/parallax/extract"
)

func TestDbg2(t *testing.T) {
	text := `However, Bassem Al-Awadi, the spokesperson of the Iraqi government, contradicted this claim and said that there was no prior coordination between Baghdad and Washington. He also said that the US attacks on the security forces' sites in Anbar province, western Iraq, killed 16 people and injured 36 others in an act of "aggression".`
	_, s := extract.Segment(text)
	for _, q := range Extract(text, s, nil, nil) {
		fmt.Printf("%+v\n", q)
	}
}
