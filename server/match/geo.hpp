#pragma once

#include <string>

namespace atelier::match {

// Great-circle distance in km between two WGS84 points (haversine; metres of error at the scale
// of a business park, which is all transport decisions need).
double HaversineKm(double lat1, double lon1, double lat2, double lon2);

// French rendering of a number with at most `decimals` decimals: 3.25 -> "3,3" (1 decimal),
// 200.0 -> "200".
std::string FormatFrench(double value, int decimals = 1);

}  // namespace atelier::match
