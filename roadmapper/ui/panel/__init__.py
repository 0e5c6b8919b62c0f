"""The outcome panel: outcomes as OKRs, key results, check-ins, coaching, the why chain."""
