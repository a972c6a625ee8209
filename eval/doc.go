// Package eval reads annotated datasets (ECB+, MEANTIME, TimeML, CoNLL, brat) and scores Parallax's extractors and clustering against them.
package eval
