import MineralGraphCore

/// How the criticality methods turn World Bank WGI estimates (about −2.5 weak … 2.5 strong)
/// into risk weights. Using the raw estimate, or forgetting to invert it, reverses every ranking.
public enum GovernanceScaling {
    /// GeoPolRisk's political (in)stability of an exporter (METHODS §1.9): the WGI *Political
    /// Stability and Absence of Violence/Terrorism* estimate normalised `(2.5 − estimate) / 5` and
    /// clipped to 0…1 (1 = least stable). Estimate 0.5 → 0.4; −2.5 → 1.
    ///
    /// Sources: Gemechu et al. 2016, J. Ind. Ecol. 20(1); Koyamparambath et al. 2022 (geopolrisk-py).
    public static func politicalInstability(estimate: Double) -> Double {
        min(1, max(0, (2.5 - estimate) / 5))
    }

    /// The EU CRM method's governance weight (METHODS §1.6): the mean of the six WGI dimensions
    /// rescaled to 0…10 with 10 = worst, `(2.5 − mean) · 2`. Mean −0.4 → 5.8.
    ///
    /// Sources: Blengini et al. 2017, EUR 28654 EN; CritMAT `hhi_wgi_tp.py` (`(mean − 2.5)·(−2)`).
    public static func euGovernanceWeight(meanEstimate: Double) -> Double {
        (2.5 - meanEstimate) * 2
    }
}
