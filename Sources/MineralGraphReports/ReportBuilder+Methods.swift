import MineralGraphAnalysis
import MineralGraphCore

extension ReportBuilder {
    /// Method notes of the value-added, unequal-exchange, water and waste metrics, in the order
    /// the report shows them.
    static let metricMethods: [Report.MethodNote] = [
        .init(
            id: "V1", title: "Value added per node, stage, country and group",
            formula: "VA(n) = Σ out-flow values + value of output not shipped − Σ in-flow values − other_inputs_usd(n); VA_share_g = Σ_{n in g} VA(n) / Σ_n VA(n)",
            section: "METHODS §3.1–3.2",
            notes: "Gross margin over materials: edges carry only material inputs, so VA is an upper bound on value added unless other_inputs_usd is given. "
                + "Output not shipped is valued at the node's declared output value less what it ships; a node that keeps output without a value has no VA (MISSING_VALUE). "
                + "Consumers are final demand and have no VA; Σ VA = final output value − other inputs. Negative VA is kept and flagged. "
                + "A single-mineral graph leaves out the other inputs of manufacturers (other metals, cells, labour), so their VA is overstated. "
                + "When some node's VA is unknown, chain shares are null (CHAIN_INCOMPLETE); the report then also gives shares over the measured stages: the longest run of stages from mining downstream at which every node's VA is known (tool convention).",
            sources: [
                "OECD, Trade in Value Added (TiVA) indicators guide: https://www.oecd.org/en/data/indicators/domestic-value-added-in-gross-exports.html",
            ]),
        .init(
            id: "V2", title: "Value-capture ratio and gap against extraction",
            formula: "VCR_g = VA_share_g / phys_share_g(extraction); gap_g = VA_share_g − phys_share_g(extraction)",
            section: "METHODS §3.2",
            notes: "phys_share is the contained tonnes a country or group mines, per mineral. VCR = 1: value captured in proportion to extraction; a party that mines nothing has no VCR (NO_PHYSICAL_SHARE), only a gap.",
            sources: [
                "BloombergNEF on DRC cobalt value capture, relayed by https://www.chinapulse.com/data-news/2021/11/29/drc-can-get-better-value-for-cobalt-by-processing-rather-than-exporting-raw-materials/",
            ]),
        .init(
            id: "V3", title: "Unit values and payables between stages",
            formula: "UV_k = value of stage-k output / contained tonnes; UVR_k→l = UV_l / UV_k; payable = UV_k / UV_l",
            section: "METHODS §3.3",
            notes: "On the contained basis only: per gross tonne the ratios are meaningless (ore grades, chemistries). Prices are volatile; every value carries the graph's price year.",
            sources: [
                "Fastmarkets on lithium conversion margins: https://www.fastmarkets.com/insights/spot-prices-for-lithium-hydroxide-and-carbonate-outpace-spodumene/",
                "Cobalt hydroxide payables: https://ttm.financial/m/news/2590234635",
            ]),
        .init(
            id: "E1", title: "Physical against monetary trade balance",
            formula: "PTB_A = M_A^t − X_A^t; TB_A = X_A^$ − M_A^$; EUE flag = PTB_A < 0 and TB_A ≤ ε·(X_A^$ + M_A^$), ε = 0.05",
            section: "METHODS §2.3, §2.6",
            notes: "Inter-country product flows only (waste is in X1). Positive PTB = net importer of mass (Eurostat sign). The quadrant is the sign of PTB × the sign of TB; a net mass exporter with a larger surplus is a 'compensated exporter'. "
                + "Also on contained tonnes and raw-material equivalents (RME: mine-product tonnes embodied upstream, a lower bound). Groups drop flows between two members. Values are exporter-side (FOB).",
            sources: [
                "Eurostat, Physical imports and exports: https://ec.europa.eu/eurostat/statistics-explained/index.php/Physical_imports_and_exports",
                "Dorninger et al. 2021, Global patterns of ecologically unequal exchange, Ecological Economics 179:106824",
                "Samaniego, Vallejo & Martínez-Alier, Commercial and physical trade deficits in South America",
            ]),
        .init(
            id: "E2", title: "Terms of trade and exchange ratios",
            formula: "ETT_A = (X_A^$ / X_A^t) / (M_A^$ / M_A^t); T_eq = 1 / ETT; ER_AB(R) = (X_{A→B}^R / X_{A→B}^$) / (X_{B→A}^R / X_{B→A}^$)",
            section: "METHODS §2.3",
            notes: "ER > 1: A gives more of resource R per dollar than it receives. Computed for gross and contained tonnes, RME and embodied water. "
                + "Bilateral ratios need trade both ways of at least 1 % of the country's exports and imports (tool convention); bands 0.8–1.25 roughly symmetric, 1.25–2 asymmetric, > 2 strongly asymmetric (tool convention). "
                + "Raw-against-manufactured ratios are large by construction.",
            sources: [
                "Hickel, Dorninger, Wieland & Suwandi 2022, Imperialist appropriation in the world economy, Global Environmental Change",
                "Rammelt & Ylla-Catala 2025, Journal of World-Systems Research: https://jwsr.pitt.edu/ojs/jwsr/article/view/1298",
                "Moran et al. 2013, Does ecologically unequal exchange occur?, Ecological Economics",
            ]),
        .init(
            id: "W1", title: "Direct and embodied water",
            formula: "W_n = w_n · O_n; W*_n = w_n + Σ_k a_kn · W*_k, a_kn = q_(k→n) / O_n; WSF_n = consumption_n · CF_AWARE(n)",
            section: "METHODS §5",
            notes: "Withdrawal and consumption are kept apart; AWARE weights consumption only; brine and seawater are not freshwater. "
                + "A producing node without an intensity has no direct water and nothing downstream of it has embodied water (MISSING_INTENSITY): no default is imputed. "
                + "Loops (recycling) are solved as linear systems. Conservation: water embodied in final output equals the sum of direct water.",
            sources: [
                "GRI 303 (water and effluents), 303-3 withdrawal and 303-5 consumption",
                "Hoekstra et al. 2011, The Water Footprint Assessment Manual",
                "Boulay et al. 2018, The WULCA consensus characterization model for water scarcity footprints (AWARE), Int. J. LCA: http://wulca-waterlca.org/aware/",
                "WRI Aqueduct 4.0 (Kuzma et al. 2023), baseline water stress",
            ]),
        .init(
            id: "E3", title: "Net virtual-water trade",
            formula: "VW(e) = q_e · W*_src(e); NVW_A = Σ_{e into A} VW(e) − Σ_{e out of A} VW(e)",
            section: "METHODS §2.3, §5.4",
            notes: "Positive NVW = net importer of embodied water. The AWARE weight is applied where the water is consumed and travels with the product. Inter-country product flows only.",
            sources: [
                "J. A. Allan, virtual water: https://geo.fu-berlin.de/en/v/iwm-network/learning_content/environmental-background/basics_hydrogeography/virtual_water/index.html",
                "Boulay et al. 2018 (AWARE)",
            ]),
        .init(
            id: "E4", title: "Burden–benefit ratio",
            formula: "burden_share_g(R) = Σ_{n in g} R(n) / Σ_n R(n); BBR_g(R) = burden_share_g(R) / VA_share_g",
            section: "METHODS §2.3",
            notes: "Burdens: direct water withdrawal and consumption, AWARE-weighted consumption, tonnes extracted, tonnes of waste received. "
                + "BBR = 1: burden in proportion to value captured; > 1: more burden than value. Bands (tool convention): < 0.5 beneficiary, 0.5–2 roughly proportional, > 2 burden-bearing. "
                + "Needs the value added of every node; a burden without data at every node has no share.",
            sources: [
                "Dorninger et al. 2021; Hickel et al. 2022 (unequal exchange); METHODS §3 (value-added gap)",
            ]),
        .init(
            id: "X1", title: "Waste balance and value recapture",
            formula: "WB_A = waste_in_t − waste_out_t; recapture_A = value of recovered fractions exported / value of waste imported",
            section: "METHODS §2.5",
            notes: "Waste can carry zero or negative value (the exporter pays), so it is kept out of E1–E3. Gross tonnes; groups drop flows between two members. "
                + "Per-capita balances need population figures, which graphs do not hold.",
            sources: [
                "UNCTAD, Digital Economy Report 2024: https://unctad.org/publication/digital-economy-report-2024",
                "Summary of its waste figures: https://resource-recycling.com/e-scrap/2024/07/18/un-e-commerce-growth-drives-e-scrap-volumes",
            ]),
    ]
}
