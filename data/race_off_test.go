//go:build !race

package data

const raceSlowdown = 1
