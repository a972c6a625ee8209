package ingest_test

import (
	"context"
	"fmt"
	"path/filepath"

	"github.com/parallax-news/parallax/ingest"
)

// Walk reads every input under the paths given and reports each article,
// or each input it had to skip, in input order.
func ExampleWalk() {
	seeds := filepath.Join("..", "testdata", "seeds")
	stats, err := ingest.Walk(context.Background(), []string{seeds}, ingest.Options{}, func(it ingest.Item) error {
		if it.Err != nil {
			fmt.Println("skipped:", it.Err)
			return nil
		}
		a := it.Article
		date := "undated"
		if !a.Published.IsZero() {
			date = a.Published.Format("2006-01-02")
		}
		fmt.Printf("%-10s  %-20s %s\n", date, a.OutletName(), it.Rel)
		return nil
	})
	if err != nil {
		fmt.Println(err)
	}
	fmt.Println(stats.Articles, "articles")
	// Output:
	// 2024-02-03  Al Mayadeen English  000_9b6100ba78ef2e93.txt
	// 2024-02-03  unknown              001_5ba88c071d4413cc.txt
	// 2024-02-03  Palestine Chronicle  002_a0a419f9659ef6ff.txt
	// undated     Shafaq News          003_bc9e02c4aed59e7d.txt
	// 2024-09-21  unknown              004_8075e53d60d045c7.txt
	// 5 articles
}
