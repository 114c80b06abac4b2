"""The Selaras ontology namespace as a closed vocabulary: a typo raises instead of minting an IRI.

Kept in step with ``ontology/*.ttl`` by ``tests/test_ontology.py``.
"""

from rdflib.namespace import DefinedNamespace, Namespace
from rdflib.term import URIRef

SEL_IRI = "https://w3id.org/selaras/ontology#"


class SEL(DefinedNamespace):
    """Terms of ``https://w3id.org/selaras/ontology#``."""

    _NS = Namespace(SEL_IRI)
    _fail = True

    # classes
    CascadingType: URIRef
    Consolidation: URIRef
    ContractKind: URIRef
    ContractLimit: URIRef
    Control: URIRef
    CorporateValue: URIRef
    Direction: URIRef
    Goal: URIRef
    KeyPerformanceIndicator: URIRef
    Level: URIRef
    Mission: URIRef
    PerformanceContract: URIRef
    PerspectiveWeight: URIRef
    PeriodTarget: URIRef
    Perspective: URIRef
    Polarity: URIRef
    Position: URIRef
    QualityRule: URIRef
    RegulationProfile: URIRef
    ScoreBand: URIRef
    Risk: URIRef
    Sasaran: URIRef
    StrategicInitiative: URIRef
    StrategicObjective: URIRef
    StrategyMap: URIRef
    Unit: URIRef
    UnitKind: URIRef
    Validity: URIRef
    Vision: URIRef

    # properties
    achievementCap: URIRef
    achievementFloor: URIRef
    amountWord: URIRef
    appliesToLevel: URIRef
    assumedSetting: URIRef
    belongsTo: URIRef
    cascadesFrom: URIRef
    cascading: URIRef
    causes: URIRef
    clause: URIRef
    code: URIRef
    colour: URIRef
    colourBand: URIRef
    colourCode: URIRef
    consolidation: URIRef
    contractKind: URIRef
    contractLimit: URIRef
    control: URIRef
    countSubIndicators: URIRef
    dataSource: URIRef
    deadline: URIRef
    defaultContractLimit: URIRef
    description: URIRef
    drives: URIRef
    forbiddenQuality: URIRef
    formula: URIRef
    formulatedFrom: URIRef
    forPerspective: URIRef
    graphName: URIRef
    hasTarget: URIRef
    holder: URIRef
    includes: URIRef
    kindLevel: URIRef
    level: URIRef
    mandatedBy: URIRef
    mapHoldersOnly: URIRef
    mapHoldingKind: URIRef
    mapHoldingKindLevel: URIRef
    mapHoldingLevel: URIRef
    mapOf: URIRef
    maxIndicators: URIRef
    maxIndicatorsPerObjective: URIRef
    maxStatementWords: URIRef
    measures: URIRef
    measureUnit: URIRef
    minimumScore: URIRef
    nkoBand: URIRef
    noContractLimitLevel: URIRef
    partOf: URIRef
    period: URIRef
    perspective: URIRef
    perspectiveWeight: URIRef
    placedAnywhere: URIRef
    polarity: URIRef
    prorateAnnualTarget: URIRef
    quantitativeWord: URIRef
    rank: URIRef
    realisation: URIRef
    realises: URIRef
    receiverCount: URIRef
    ruleId: URIRef
    scoreDecimalPlaces: URIRef
    stabilizeSlope: URIRef
    stabilizeTolerance: URIRef
    statedSetting: URIRef
    statement: URIRef
    status: URIRef
    subIndicatorLevel: URIRef
    subIndicatorOf: URIRef
    supportsGoal: URIRef
    targetValue: URIRef
    text: URIRef
    threatens: URIRef
    unitKind: URIRef
    useIndicatorWeights: URIRef
    validity: URIRef
    weight: URIRef
    year: URIRef

    # concept schemes
    ConsolidationScheme: URIRef
    ContractKindScheme: URIRef
    ControlScheme: URIRef
    IndicatorCascadingScheme: URIRef
    LevelScheme: URIRef
    ObjectiveCascadingScheme: URIRef
    PerspectiveScheme: URIRef
    PolarityScheme: URIRef
    UnitKindScheme: URIRef
    ValidityScheme: URIRef
    ValueScheme: URIRef

    # concepts
    ActivityValidity: URIRef
    AverageConsolidation: URIRef
    Badan: URIRef
    Bagian: URIRef
    BalaiDiklatKeuangan: URIRef
    Bidang: URIRef
    CustomerPerspective: URIRef
    DirectCascading: URIRef
    Direktorat: URIRef
    DirektoratJenderal: URIRef
    EselonV: URIRef
    ExactValidity: URIRef
    FullCascading: URIRef
    HighControl: URIRef
    IndirectCascading: URIRef
    InspektoratJenderal: URIRef
    Integritas: URIRef
    InternalProcessPerspective: URIRef
    KPKNL: URIRef
    KPP: URIRef
    KPPBC: URIRef
    KPPN: URIRef
    Kanwil: URIRef
    KemenkeuFive: URIRef
    KemenkeuFour: URIRef
    KemenkeuOne: URIRef
    KemenkeuThree: URIRef
    KemenkeuTwo: URIRef
    KemenkeuWide: URIRef
    Kementerian: URIRef
    Kesempurnaan: URIRef
    LaboratoriumBeaCukai: URIRef
    LastValueConsolidation: URIRef
    LearningGrowthPerspective: URIRef
    LowControl: URIRef
    Maximize: URIRef
    Minimize: URIRef
    MinisterCommitment: URIRef
    ModerateControl: URIRef
    NonCascading: URIRef
    OfficialContract: URIRef
    Pangsarops: URIRef
    PartialCascading: URIRef
    PejabatFungsional: URIRef
    Pelaksana: URIRef
    Pelayanan: URIRef
    Profesionalisme: URIRef
    ProxyValidity: URIRef
    Sekretariat: URIRef
    SekretariatJenderal: URIRef
    Seksi: URIRef
    Sinergi: URIRef
    Stabilize: URIRef
    StafAhli: URIRef
    StakeholderPerspective: URIRef
    Subbagian: URIRef
    Subdirektorat: URIRef
    SumConsolidation: URIRef
    TenagaPengkaji: URIRef
    ViceMinisterContract: URIRef
