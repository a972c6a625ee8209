package cluster

import "math"

func round(x float64) float64 { return math.Round(x*1000) / 1000 }

func sqrt(x float64) float64 { return math.Sqrt(x) }
