package cluster

// Scores of a clustering against gold labels, used by parallax eval
// cluster, the synthetic benchmark and this package's tests.

// BCubed returns the BCubed precision, recall and F1 of a clustering
// pred against gold (Bagga and Baldwin 1998): for each item, the share of
// its predicted cluster that shares its gold label (precision) and the
// share of its gold cluster that shares its predicted cluster (recall),
// averaged over items. pred[i] and gold[i] label item i.
func BCubed(pred, gold []string) (p, r, f1 float64) {
	n := len(gold)
	if n == 0 || len(pred) != n {
		return 0, 0, 0
	}
	both, np, ng := contingency(pred, gold)
	for i := range gold {
		k := float64(both[labelPair{pred[i], gold[i]}])
		p += k / float64(np[pred[i]])
		r += k / float64(ng[gold[i]])
	}
	p /= float64(n)
	r /= float64(n)
	if p+r > 0 {
		f1 = 2 * p * r / (p + r)
	}
	return p, r, f1
}

// ARI returns the adjusted Rand index of pred against gold (Hubert and
// Arabie 1985): 1 for identical clusterings, about 0 for random ones.
func ARI(pred, gold []string) float64 {
	n := len(gold)
	if n < 2 || len(pred) != n {
		return 0
	}
	both, np, ng := contingency(pred, gold)
	c2 := func(k int) float64 { return float64(k) * float64(k-1) / 2 }
	var index, sp, sg float64
	for _, k := range both {
		index += c2(k)
	}
	for _, k := range np {
		sp += c2(k)
	}
	for _, k := range ng {
		sg += c2(k)
	}
	expected := sp * sg / c2(n)
	maxIndex := (sp + sg) / 2
	if maxIndex == expected {
		if index == expected {
			return 1
		}
		return 0
	}
	return (index - expected) / (maxIndex - expected)
}

// labelPair is an item's predicted and gold label.
type labelPair struct{ p, g string }

// contingency counts the items of each predicted and gold label pair, of
// each predicted label and of each gold label.
func contingency(pred, gold []string) (both map[labelPair]int, np, ng map[string]int) {
	both = make(map[labelPair]int)
	np = make(map[string]int)
	ng = make(map[string]int)
	for i := range gold {
		both[labelPair{pred[i], gold[i]}]++
		np[pred[i]]++
		ng[gold[i]]++
	}
	return both, np, ng
}

// Distinct returns how many different labels there are.
func Distinct(labels []string) int {
	m := make(map[string]struct{}, len(labels))
	for _, l := range labels {
		m[l] = struct{}{}
	}
	return len(m)
}
