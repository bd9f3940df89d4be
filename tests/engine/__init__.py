"""Tests of the GMI scoring engine (calculator/): formulas, validation, framework checks, CLI and properties."""
