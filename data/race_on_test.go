//go:build race

package data

// raceSlowdown is how many times longer timed tests give writers under
// the race detector, which runs the code several times slower.
const raceSlowdown = 3
