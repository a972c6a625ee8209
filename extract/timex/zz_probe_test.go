package timex

import (
	"bufio"
	"fmt"
	"os"
	"testing"
	"time"
)

func TestZZProbe(t *testing.T) {
	p := os.Getenv("PROBE")
	if p == "" {
		t.Skip()
	}
	f, _ := os.Open(p)
	defer f.Close()
	sc := bufio.NewScanner(f)
	anchor := time.Date(2024, 2, 3, 0, 0, 0, 0, time.UTC)
	for sc.Scan() {
		line := sc.Text()
		if line == "" {
			continue
		}
		fmt.Printf("%-60s | %s\n", line, describe(Extract(line, anchor)))
	}
}
