#!/usr/bin/env python3
"""Source of the evaluation set: writes companies.json, cards.json, expected.jsonl, negatives.jsonl.

Cards are grouped by the synergy a facilitator would see between them (a "cluster"); expected
pairs are every offer x need of a substitution cluster, every pair of needs of a mutualisation
cluster, and the listed pairs of shared-staff clusters. Hard negatives are listed by hand at the
end. Everything is fictional. Run: python3 tests/eval/make_set.py (from the repository root).
"""
import json, os, itertools

HERE = os.path.dirname(os.path.abspath(__file__))

# Two business parks near Rennes plus town-centre ESS structures.
A = ("ZA du Bois Vert", 48.1262, -1.6031)
B = ("ZI de la Lande Rouge", 48.0718, -1.7342)
R = ("Rennes", 48.1113, -1.6800)
companies = []
def co(cid, name, park, dlat, dlon, naf, headcount, ess=False):
    zone, lat, lon = park
    companies.append(dict(id=cid, name=name, siret="", naf=naf, zone=zone,
                          lat=round(lat + dlat, 5), lon=round(lon + dlon, 5),
                          headcount=headcount, ess=ess))
co("menuiserie", "Menuiserie Lebreton", A, 0.002, 0.001, "16.23Z", 18)
co("transports", "Transports Guérin", A, -0.003, 0.004, "49.41A", 60)
co("imprimerie", "Imprimerie du Thabor", A, 0.001, -0.003, "18.12Z", 25)
co("laiterie", "Laiterie de la Vilaine", B, 0.002, 0.003, "10.51A", 140)
co("serres", "Serres maraîchères de Cesson", A, 0.006, 0.008, "01.13Z", 22)
co("fonderie", "Fonderie Armor Alu", B, -0.002, 0.001, "24.53Z", 85)
co("garage_pl", "Garage Poids Lourds Ouest", B, 0.001, -0.004, "45.20B", 15)
co("restaurant", "Le Relais du Parc", A, 0.000, 0.002, "56.10A", 12)
co("brasserie", "Brasserie La Rennaise", A, -0.004, -0.002, "11.05Z", 9)
co("plasturgie", "Breizh Injection", B, 0.003, -0.001, "22.29A", 70)
co("entrepots", "Vilaine Entrepôts", B, -0.004, 0.005, "52.10B", 45)
co("chaudronnerie", "Chaudronnerie Métal Ouest", B, 0.004, 0.002, "25.11Z", 30)
co("datacenter", "Data Ouest", A, 0.003, 0.006, "63.11Z", 20)
co("boulangerie", "Pains d'Armor", B, -0.001, -0.006, "10.71B", 55)
co("cartonnerie", "Cartonnerie de Bretagne", B, 0.005, -0.003, "17.21A", 65)
co("archi", "Atelier 4 Architectes", A, 0.001, 0.005, "71.11Z", 8)
co("btp", "Rennes Construction", B, -0.006, 0.000, "41.20A", 95)
co("pepiniere", "Pépinières du Bois Vert", A, 0.008, -0.005, "01.30Z", 14)
co("nettoyage", "Nettoyage Pro Ouest", A, -0.002, -0.006, "81.21Z", 40)
co("electricite", "Électricité Générale Bretonne", B, 0.002, -0.005, "43.21A", 35)
co("conserverie", "Conserverie Le Gall", B, -0.003, 0.006, "10.39A", 80)
co("chocolaterie", "Chocolaterie Rennaise", A, 0.004, -0.001, "10.82Z", 28)
co("aquaparc", "Aquaparc de la Vilaine", B, 0.007, 0.007, "93.21Z", 10)
co("hotel", "Hôtel du Bois Vert", A, -0.005, 0.003, "55.10Z", 16)
co("usinage", "Usinov Mécanique", B, -0.005, -0.003, "25.62B", 42)
co("peintures", "Peintures Industrielles Ouest", B, 0.000, 0.008, "20.30Z", 33)
co("champignons", "Champignons de Rennes", A, 0.007, 0.002, "01.13Z", 5)
co("torrefacteur", "Café Breizh Torréfaction", A, -0.001, 0.007, "10.83Z", 7)
co("callcenter", "Ouest Contact", A, 0.002, -0.007, "82.20Z", 120)
co("compostage", "Compost'Ille", B, 0.009, -0.007, "38.21Z", 12)
co("charpente", "Charpentes Duval", B, -0.007, -0.002, "16.10A", 20)
co("haras", "Haras de la Lande", B, 0.012, 0.010, "01.43Z", 6)
co("chaufferie", "SEM Chaleur Rennes Sud", B, 0.006, 0.000, "35.30Z", 9)
co("hyper", "Hypermarché des Landes", B, -0.008, 0.004, "47.11F", 160)
co("garage_auto", "Auto Services 35", A, -0.006, 0.000, "45.20A", 11)
co("traiteur", "Saveurs d'Ille Traiteur", A, 0.005, 0.004, "56.21Z", 19)
co("labo", "BioAnalyses Ouest", A, -0.003, 0.009, "71.20B", 26)
co("logiciel", "Kerlogic", A, 0.003, -0.009, "62.01Z", 35)
co("esat", "ESAT Les Ateliers du Blosne", R, 0.000, 0.000, "88.10C", 90, True)
co("insertion", "Tri'Ouest, entreprise d'insertion", B, 0.010, -0.004, "38.32Z", 30, True)
co("ressourcerie", "Ressourcerie La Belle Déchette", R, 0.004, 0.010, "47.79Z", 14, True)
co("regie", "Régie de quartier Maurepas Services", R, 0.015, 0.012, "81.10Z", 25, True)
co("epicerie", "Épicerie solidaire Le Panier Partagé", R, -0.006, 0.004, "88.99B", 4, True)
co("velo", "Atelier Vélo Solidaire", R, 0.002, -0.008, "95.29Z", 8, True)
co("handipack", "Handi'Pack, entreprise adaptée", B, 0.004, 0.011, "82.92Z", 50, True)
co("recyclerie", "Recyclerie du Pays de Rennes", R, -0.010, -0.006, "47.79Z", 12, True)
co("depollution", "Ouest Dépollution", B, 0.011, 0.003, "38.22Z", 40)

ESS = {c["id"] for c in companies if c["ess"]}
cards, expected, negatives = [], [], []
counter = [0]

def card(kind, company, text, **kw):
    counter[0] += 1
    c = dict(id="k%03d" % counter[0], company_id=company, kind=kind, text=text)
    c.update(kw)
    cards.append(c)
    return c["id"]

def O(company, text, **kw): return ("offer", company, text, kw)
def N(company, text, **kw): return ("need", company, text, kw)

def cid_company(cid):
    return next(c["company_id"] for c in cards if c["id"] == cid)

def pair_kind(a, b):
    ess = (cid_company(a) in ESS) != (cid_company(b) in ESS)
    return "ess_bridge" if ess else "substitution"

def sub(topic, *entries):
    """Offers x needs of another company are expected synergies."""
    ids = [(e[0], card(*e[:3], **e[3])) for e in entries]
    offers = [i for k, i in ids if k == "offer"]
    needs = [i for k, i in ids if k == "need"]
    for o in offers:
        for n in needs:
            if cid_company(o) != cid_company(n):
                expected.append(dict(cards=[o, n], kind=pair_kind(o, n), topic=topic))
    return [i for _, i in ids]

def mut(topic, *entries):
    """Needs of several companies pool; offers of the service serve each need."""
    ids = [(e[0], card(*e[:3], **e[3])) for e in entries]
    needs = [i for k, i in ids if k == "need"]
    offers = [i for k, i in ids if k == "offer"]
    for a, b in itertools.combinations(needs, 2):
        if cid_company(a) != cid_company(b):
            expected.append(dict(cards=[a, b], kind="mutualisation", topic=topic))
    for o in offers:
        for n in needs:
            if cid_company(o) != cid_company(n):
                expected.append(dict(cards=[o, n], kind=pair_kind(o, n), topic=topic))
    return [i for _, i in ids]

def single(*entries):
    return [card(*e[:3], **e[3]) for e in entries]

# ---------------------------------------------------------------- substitution: materials, waste
P = sub("palettes bois",
    O("menuiserie", "Palettes bois cassées, env 40/mois, à venir chercher", category="dechet", quantity=40, unit="pièces", frequency="mois", waste_code="15 01 03"),
    O("hyper", "pal. europe en bon état + palettes perdues, dispo ts les jours", category="dechet"),
    O("cartonnerie", "palettes 80x120 usagées", quantity=150, unit="pcs", frequency="mois"),
    N("transports", "recherche palettes bois pour nos expéditions", category="matiere", quantity=120, unit="pièces", frequency="mois"),
    N("conserverie", "Besoin de palettes EPAL (bois) pour l'été", months=[6, 7, 8, 9]),
    N("insertion", "On récupère les palettes bois pour reconditionnement", category="dechet"),
)
sub("chutes de bois -> chaufferie",
    O("charpente", "Chutes de bois non traité, 3t/mois", category="dechet", quantity=3, unit="t", frequency="mois", waste_code="03 01 05"),
    O("menuiserie", "dechets de bois brut (chutes de découpe), benne de 10 m3 par semaine"),
    N("chaufferie", "Cherche bois de récup / broyat pour notre chaudière biomasse", category="energie", quantity=100, unit="t", frequency="an"),
)
sub("sciure",
    O("charpente", "Sciure et copeaux de rabotage, big bags", quantity=2, unit="t", frequency="mois"),
    O("menuiserie", "sciure de bois sec, qq sacs par semaine"),
    N("haras", "Besoin de copeaux ou sciure pour litière des chevaux", category="matiere"),
    N("champignons", "on cherche de la sciure pour notre substrat de culture"),
)
sub("cartons",
    O("hyper", "Cartons d'emballage propres, compactés en balles", category="dechet", waste_code="15 01 01"),
    O("imprimerie", "cartons vides de livraison papier, 200 pièces/mois", quantity=200, unit="pièces", frequency="mois"),
    N("ressourcerie", "Besoin de cartons pour nos déménagements et la vente en boutique"),
    N("chocolaterie", "recherche cartons d'emballage ondulés pour colis (hors saison de Noël aussi)", quantity=150, unit="pièces", frequency="mois"),
)
sub("film plastique",
    O("entrepots", "Film étirable usagé (déballage palettes), 500 kg/mois", category="dechet", quantity=500, unit="kg", frequency="mois", waste_code="15 01 02"),
    O("hyper", "films plastique et housses PE à évacuer"),
    N("plasturgie", "Recherche film PE / LDPE propre pour notre ligne de régénération", category="matiere", quantity=2, unit="t", frequency="mois"),
)
sub("big bags",
    O("laiterie", "Big bags vides (poudre de lait), bon état", quantity=60, unit="pièces", frequency="mois"),
    O("compostage", "GRVS à donner, ayant contenu du compost"),
    N("btp", "besoin big-bags pour gravats et stockage sable sur chantiers"),
    N("pepiniere", "Cherche bigbag pour terreau et substrats"),
)
sub("IBC / cubitainers",
    O("peintures", "Cubitainers 1000 L vides, rincés"),
    O("laiterie", "IBC 1000L ayant contenu du détergent alimentaire, dispo"),
    N("serres", "Cherche cuves IBC pour récupérer l'eau de pluie", category="equipement"),
)
sub("fûts métalliques",
    O("usinage", "Fûts métal 200 L vides (huile de coupe)", waste_code="15 01 10*"),
    N("chaudronnerie", "Besoin de fûts acier pour stockage de chutes", waste_code="15 01 10*"),
)
sub("ferraille",
    O("chaudronnerie", "Chutes d'acier et tôles, env 5 t par mois", category="dechet", quantity=5, unit="t", frequency="mois", waste_code="12 01 01"),
    O("btp", "ferrailles de démolition à évacuer"),
    N("insertion", "Récupération métaux ferreux pour revente filière", category="dechet"),
)
sub("aluminium",
    O("fonderie", "copeaux d'alu et crasses (hors crasses dangereuses)", waste_code="12 01 03"),
    O("usinage", "Chutes aluminium 6061, 300 kg/mois", quantity=300, unit="kg", frequency="mois", waste_code="12 01 03"),
    N("fonderie", "on rachète vos chutes alu propres pour refonte", category="matiere"),
)
sub("gravats / inertes",
    O("btp", "Béton concassé et gravats triés, 50 t", category="dechet", quantity=50, unit="t", waste_code="17 01 07"),
    N("pepiniere", "recherche remblai / inertes propres pour aménager une aire", category="matiere"),
    N("entrepots", "Besoin de grave ou gravats concassés pour refaire la cour"),
)
sub("terre végétale",
    O("btp", "Terre végétale de décapage, 200 m3, printemps", quantity=200, unit="m3", availability="au printemps"),
    N("pepiniere", "Cherche terre végétale pour nos planches de culture", months=[3, 4, 5]),
)
sub("textile / chiffons",
    O("hotel", "linge de lit et serviettes réformés, propres"),
    O("ressourcerie", "Textiles non revendables à donner pour chiffons"),
    N("garage_auto", "Besoin de chiffons d'essuyage pour l'atelier"),
    N("usinage", "chiffons / torchons d'atelier, qté 50 kg par mois", quantity=50, unit="kg", frequency="mois"),
)
sub("biodéchets -> compost",
    O("restaurant", "Biodéchets de cuisine, env 80 kg/sem", category="dechet", quantity=80, unit="kg", frequency="semaine"),
    O("traiteur", "déchets alimentaires (épluchures, restes) tous les jours"),
    O("boulangerie", "Restes alimentaires et pâtes ratées, 1 t/mois", quantity=1, unit="t", frequency="mois"),
    N("compostage", "On collecte vos biodéchets pour compostage", category="dechet"),
)
sub("invendus alimentaires",
    O("boulangerie", "Pain invendu de la veille, tous les soirs"),
    O("hyper", "Invendus alimentaires DLC courte (fruits et légumes, produits frais)"),
    O("laiterie", "Yaourts à DLC courte, surplus de production"),
    N("epicerie", "Recherche dons alimentaires pour nos bénéficiaires", category="matiere"),
)
sub("drêches",
    O("brasserie", "Drêches de brassage humides, 2 t / semaine", quantity=2, unit="t", frequency="semaine"),
    N("haras", "Cherche coproduits agroalimentaires pour l'alimentation des chevaux"),
)
sub("marc de café",
    O("callcenter", "Marc de café de nos machines, 20 kg par semaine", quantity=20, unit="kg", frequency="semaine"),
    O("torrefacteur", "marcs de café des dégustations"),
    N("champignons", "Besoin de marc de café pour la culture de pleurotes", quantity=100, unit="kg", frequency="mois"),
)
sub("huiles de friture",
    O("restaurant", "Huile de friture usagée, 2 bidons de 20 L par mois", category="dechet", quantity=40, unit="L", frequency="mois", waste_code="20 01 25"),
    O("traiteur", "huiles alimentaires usagées à faire enlever"),
    N("chaufferie", "Collecte huiles végétales usagées pour valorisation biocarburant", category="dechet", waste_code="20 01 25"),
)
sub("huiles minérales",
    O("garage_pl", "Huiles de vidange moteur, cuve de 1000 L", waste_code="13 02 05*", category="dechet"),
    O("garage_auto", "huile moteur usagée et huile hydraulique", waste_code="13 02 05*"),
    N("insertion", "Collecte d'huiles minérales usagées (agrément), on passe chez vous", category="dechet", waste_code="13 02 05*"),
)
# Soiled solvent is hazardous waste: it goes to a licensed plant, not to a company that wants
# regenerated solvent (see the negatives).
single(
    O("peintures", "Solvants souillés (acétone, diluants), fûts de 200 L", waste_code="14 06 03*", category="dechet"),
    N("usinage", "Besoin de solvant régénéré pour le dégraissage des pièces", category="matiere"),
)
sub("DEEE / informatique",
    O("logiciel", "Ordinateurs portables et écrans réformés (parc renouvelé), 30 pièces", quantity=30, unit="pièces", category="equipement"),
    O("callcenter", "PC fixes et écrans usagés, casques"),
    N("ressourcerie", "Récupération matériel informatique pour reconditionnement", category="equipement"),
    N("insertion", "DEEE : on collecte vos équipements électriques et informatiques"),
)
sub("mobilier de bureau",
    O("archi", "Mobilier de bureau (tables, chaises, armoires) suite déménagement"),
    O("callcenter", "fauteuils et caissons de bureau en surplus"),
    N("ressourcerie", "on récupère meubles et mobilier pour la boutique solidaire"),
    N("regie", "Besoin de mobilier pour équiper notre local associatif"),
)
sub("pneus",
    O("garage_pl", "Pneus PL usagés, une cinquantaine par trimestre"),
    N("pepiniere", "Cherche pneus usagés pour lester les bâches"),
)
sub("verre",
    O("brasserie", "bouteilles en verre déclassées (défaut d'étiquetage)"),
    N("ressourcerie", "besoin de bocaux et bouteilles verre pour l'atelier conserves"),
)
sub("papier broyé -> calage",
    O("imprimerie", "Rognures et chutes de papier, 1t/mois", waste_code="15 01 01", quantity=1, unit="t", frequency="mois"),
    N("cartonnerie", "Recherche papier / cartons de récupération pour notre pâte recyclée", waste_code="15 01 01"),
)
sub("polystyrène",
    O("electricite", "Polystyrène expansé de calage (emballage tableaux électriques)"),
    N("plasturgie", "On reprend le PSE propre pour recyclage"),
)
sub("caisses plastique",
    O("laiterie", "Bacs plastique gerbables réformés, 100 pièces"),
    N("pepiniere", "besoin de caisses plastique pour transport des plants"),
)
sub("compost",
    O("compostage", "Compost normé NFU 44-051, vrac, 100 t/an", quantity=100, unit="t", frequency="an"),
    N("serres", "Cherche amendement organique / compost pour nos serres", months=[2, 3, 4]),
    N("pepiniere", "compost pour rempotage, au printemps"),
)
sub("déchets verts",
    O("pepiniere", "Déchets verts (tailles, branchages) toute l'année"),
    O("regie", "tontes de gazon et branchages de nos chantiers espaces verts"),
    N("compostage", "Nous acceptons vos déchets verts sur la plateforme"),
)

# ---------------------------------------------------------------- energy, water
sub("chaleur fatale",
    O("datacenter", "Chaleur fatale des serveurs, eau à 35°C, 500 MWh/an", category="energie", quantity=500, unit="MWh", frequency="an"),
    O("fonderie", "récup de chaleur sur les fours : fumées chaudes"),
    O("laiterie", "Calories perdues sur nos groupes de pasteurisation"),
    N("serres", "Besoin de chaleur pour chauffer les serres l'hiver", category="energie", availability="l'hiver", quantity=300, unit="MWh", frequency="an"),
    N("aquaparc", "Chauffage des bassins : on cherche une source de chaleur"),
)
sub("vapeur",
    O("laiterie", "Surplus de vapeur basse pression la nuit"),
    N("conserverie", "Besoin ponctuel de vapeur pour stérilisation, été", months=[6, 7, 8, 9]),
)
sub("eau pluviale",
    O("entrepots", "Eaux pluviales de toiture : 3000 m² de toit, cuve enterrée", category="eau"),
    O("hyper", "eau de pluie récupérée sur le parking"),
    N("regie", "besoin d'eau non potable pour l'arrosage de nos espaces"),
    N("garage_pl", "eau pour lavage des camions (non potable OK)", category="eau"),
)
sub("eau de refroidissement",
    O("datacenter", "Eau de refroidissement en sortie, non polluée"),
    N("fonderie", "besoin d'eau de process pour le refroidissement des moules", category="eau"),
)
sub("air comprimé",
    O("plasturgie", "Surplus d'air comprimé en journée, réseau à 7 bars"),
    N("usinage", "besoin d'air comprimé pour extension atelier"),
)
sub("photovoltaïque",
    O("entrepots", "Surplus solaire de notre centrale photovoltaïque le week-end"),
    N("aquaparc", "Intéressés par l'autoconsommation collective solaire"),
)
sub("toiture",
    O("entrepots", "Toitures dispo pour installer des panneaux"),
    N("electricite", "Cherche toiture de 2000 m2 pour projet PV", quantity=2000, unit="m2"),
)

# ---------------------------------------------------------------- equipment, space, logistics
sub("chariot élévateur",
    O("entrepots", "Fenwick 2,5 t dispo le vendredi", category="equipement", availability="le vendredi"),
    O("cartonnerie", "chariot élévateur électrique peu utilisé, à prêter"),
    N("brasserie", "Besoin d'un chariot élévateur pour décharger les malts, 1 jour/semaine, le vendredi", availability="le vendredi"),
    N("ressourcerie", "cherche fenwik pour la réception des dons"),
    O("hyper", "Gerbeur / transpalette électrique de réserve"),
    N("imprimerie", "Besoin ponctuel d'un chariot élévateur pour livraison de bobines"),
)
sub("nacelle",
    O("electricite", "Nacelle élévatrice 12 m, libre en août", months=[8]),
    N("hotel", "Cherche nacelle pour nettoyage façade en août", months=[8]),
    N("menuiserie", "besoin PEMP pour pose bardage"),
)
sub("benne / compacteur",
    O("hyper", "Compacteur à cartons sous-utilisé"),
    N("imprimerie", "besoin presse à balles pour nos cartons"),
    N("cartonnerie", "cherche presse à cartons d'occasion"),
)
sub("broyeur",
    O("regie", "Broyeur de végétaux, prêt possible"),
    N("pepiniere", "besoin broyeur pour nos tailles d'hiver", availability="en hiver"),
)
sub("camion / utilitaire",
    O("transports", "Camion 19t avec hayon, libre les week-ends"),
    N("ressourcerie", "Besoin d'un camion pour collecte d'encombrants le samedi", availability="le samedi"),
)
sub("utilitaire",
    O("archi", "Fourgon utilitaire peu utilisé, prêt à la journée"),
    N("epicerie", "Besoin d'un véhicule utilitaire pour récupérer les dons 2 fois/semaine"),
    N("velo", "cherche camionnette pour nos interventions à domicile"),
)
sub("stockage",
    O("entrepots", "200 m2 de stockage couvert dispo", category="espace", quantity=200, unit="m2"),
    O("chaudronnerie", "Hangar partiellement vide, 300 m², accès PL"),
    N("conserverie", "Besoin de surface de stockage pour bocaux vides l'été", quantity=150, unit="m2", months=[6, 7, 8]),
    N("menuiserie", "cherche entrepôt pour stocker panneaux, 100 m2", quantity=100, unit="m2"),
)
sub("stockage frigorifique",
    O("laiterie", "Chambre froide positive, 40 m² libres la nuit"),
    N("traiteur", "Cherche stockage réfrigéré ponctuel pour les grosses commandes"),
    N("epicerie", "besoin de place en chambre froide pour les produits frais"),
)
sub("bureaux",
    O("logiciel", "2 bureaux équipés libres dans notre open space"),
    N("archi", "recherche poste de travail en coworking 3 j/semaine"),
)
sub("salle de réunion",
    O("hotel", "Salle de séminaire 40 places, libre en semaine"),
    O("callcenter", "salle de formation équipée, dispo le vendredi"),
    N("regie", "Cherche une salle de réunion pour nos AG"),
    N("esat", "Besoin d'une salle pour nos formations internes"),
)
sub("parking",
    O("hotel", "Parking de 60 places libre en journée"),
    N("callcenter", "Manque de places de stationnement pour les salariés"),
)
sub("stockage extérieur",
    O("btp", "Aire extérieure stabilisée 1000 m² inoccupée"),
    N("transports", "cherche aire de stockage extérieure pour remorques"),
)
sub("fret retour",
    O("transports", "Retours à vide Rennes -> Saint-Malo le mardi, place dans nos camions", availability="le mardi"),
    N("conserverie", "Livraison hebdo vers Saint-Malo : on cherche du fret retour / groupage"),
    N("chocolaterie", "besoin transport de colis vers la côte, tournée mutualisée ?"),
)
sub("messagerie",
    O("transports", "Tournées de messagerie colis tous les jours sur Rennes"),
    N("torrefacteur", "expédition de colis, on cherche une solution partagée"),
)

# ---------------------------------------------------------------- services from ESS structures
sub("conditionnement",
    O("esat", "Conditionnement à façon, mise sous pli, étiquetage", category="service"),
    O("handipack", "Sous-traitance : ensachage, kitting, colisage"),
    N("chocolaterie", "Renfort pour mise en sachet et conditionnement avant Noël", months=[11, 12]),
    N("torrefacteur", "besoin d'étiquetage et ensachage de café"),
)
mut("blanchisserie",
    O("esat", "Blanchisserie : lavage et entretien des tenues de travail"),
    N("laiterie", "Lavage des vêtements de travail de nos 140 salariés"),
    N("restaurant", "entretien des tenues de cuisine (vestes, tabliers)"),
)
sub("réparation vélos",
    O("velo", "Entretien et réparation de flottes de vélos de service"),
    N("logiciel", "On a 10 vélos électriques de service à entretenir"),
)
sub("insertion / OETH",
    O("esat", "Travailleurs handicapés : prestations déductibles de l'OETH"),
    O("handipack", "Entreprise adaptée : achats responsables, RQTH"),
    N("transports", "On doit atteindre notre obligation d'emploi de travailleurs handicapés"),
    N("callcenter", "Cherche partenaire ESAT ou EA pour nos achats responsables"),
)
sub("réemploi",
    O("ressourcerie", "Collecte d'objets pour réemploi, seconde main"),
    N("hotel", "Rénovation des chambres : cherche une filière de réemploi pour le vieux mobilier"),
)

# ---------------------------------------------------------------- reuse vs waste collection
sub("réemploi du mobilier",
    O("ressourcerie", "collecte de mobilier et objets reutilisables, on passe avec notre camion"),
    O("recyclerie", "Recyclerie : collecte d'objets réutilisables (meubles, vaisselle, jouets), enlèvement gratuit"),
    N("labo", "On doit vider un etage : meubles et objets reutilisables a faire enlever"),
    N("callcenter", "fin de bail, besoin de se debarasser de vieux meubles de bureau encore en bon etat"),
)

# ---------------------------------------------------------------- hazardous waste to licensed takers
sub("solvants usagés -> filière agréée",
    O("peintures", "solvants usagés (white spirit sale), env 400 L/an", quantity=400, unit="L", frequency="an"),
    N("depollution", "Reprise de vos déchets dangereux : solvants, huiles, peintures, DDS", category="dechet"),
)
single(
    O("transports", "huiles usagees de vidange, bidons de 20L, atelier PL"),
    O("electricite", "Neons et tubes fluo HS + DEEE de chantier"),
)
sub("amiante -> désamiantage",
    O("btp", "Plaques fibrociment amiantees (depose toiture), 3 t", quantity=3, unit="t"),
    N("depollution", "Désamiantage : évacuation de l'amiante en filière agréée"),
)
single(O("garage_pl", "batteries PL HS, une dizaine par mois"))

# ---------------------------------------------------------------- more resources, tablet French
sub("chaleur pour réseau",
    N("chaufferie", "projet de reseau de chaleur sur la zone, on cherche des sources de calories"),
)
single(O("conserverie", "pulpes et epluchures de legumes (coproduits), 5t/sem en ete", months=[6, 7, 8, 9]))
sub("reliefs de repas",
    O("callcenter", "reliefs de repas de notre self, 30kg/j"),
)
sub("verre",
    O("conserverie", "pots en verre declasses (defaut de capsulage)"),
)
sub("voiture de service",
    O("logiciel", "vehicule de service peu utilise, pret possible"),
    N("aquaparc", "besoin d'une voiture pour les deplacements ponctuels"),
)

# ---------------------------------------------------------------- mutualisation
mut("gardiennage",
    N("entrepots", "Gardiennage de nuit du site", category="service"),
    N("chaudronnerie", "besoin vigile / rondes la nuit et le week-end"),
    N("plasturgie", "surveillance du site, on est prêts à partager un agent"),
    N("fonderie", "Sécurité du site : gardien pour les week-ends"),
)
mut("nettoyage",
    N("archi", "Ménage des bureaux 2 fois par semaine"),
    N("logiciel", "nettoyage des locaux (300 m2)"),
    N("labo", "Entretien des locaux + vitres"),
    O("regie", "Nettoyage de bureaux et parties communes"),
)
mut("espaces verts",
    N("datacenter", "Entretien des espaces verts autour du bâtiment"),
    N("labo", "tonte et taille des haies, 4 fois par an"),
    N("hotel", "entretien du jardin et des extérieurs"),
    O("esat", "Espaces verts : tonte, taille, débroussaillage"),
)
mut("collecte déchets",
    N("archi", "Collecte des papiers et cartons de bureau"),
    N("logiciel", "enlèvement des déchets de bureau, tri sélectif"),
    N("labo", "collecte sélective de nos déchets non dangereux"),
    O("insertion", "Collecte mutualisée des déchets de bureau sur la zone"),
    O("regie", "Collecte des dechets de bureau et cartons pour les entreprises de la zone"),
)
mut("restauration",
    N("logiciel", "Pas de cantine sur la zone : solution de restauration le midi ?"),
    N("labo", "repas du midi pour 25 salariés"),
    N("datacenter", "restaurant d'entreprise ou food truck partagé"),
    O("traiteur", "Plateaux repas livrés sur la zone"),
)
mut("achat énergie",
    N("fonderie", "Achat groupé d'électricité pour le prochain contrat", category="achat"),
    N("plasturgie", "Négocier ensemble la fourniture d'énergie"),
    N("laiterie", "contrat de gaz naturel à renouveler, achat groupé ?"),
)
mut("EPI",
    N("btp", "Achat groupé d'EPI : gants, chaussures de sécurité"),
    N("chaudronnerie", "EPI (casques, lunettes de protection) en commande groupée"),
    N("usinage", "gants anti-coupure et bouchons d'oreille"),
)
mut("produits d'entretien",
    N("hotel", "Produits d'entretien et consommables sanitaires"),
    N("restaurant", "produits de nettoyage, achat groupé"),
)
mut("fournitures",
    N("archi", "fournitures de bureau, papeterie"),
    N("callcenter", "ramettes de papier et petites fournitures en commande groupée"),
)
mut("carburant",
    N("transports", "Gazole : achat groupé pour nos PL"),
    N("garage_pl", "carburant / AdBlue en groupement de commandes"),
)
mut("formation SST",
    N("imprimerie", "Formation SST pour 4 salariés", category="formation"),
    N("brasserie", "recyclage sauveteur secouriste du travail"),
    N("hotel", "Former le personnel aux premiers secours"),
    N("torrefacteur", "sst, 2 personnes"),
)
mut("formation incendie",
    N("menuiserie", "Formation incendie / manipulation des extincteurs"),
    N("entrepots", "Equipiers de première intervention : formation annuelle"),
    N("peintures", "exercice d'évacuation et formation au risque incendie"),
)
mut("CACES",
    N("cartonnerie", "CACES R489 cat 3 pour 3 caristes"),
    N("transports", "Formation cariste caces"),
    N("hyper", "recyclage CACES pour nos préparateurs"),
)
mut("habilitation électrique",
    N("usinage", "habilitation électrique B0 H0 pour la maintenance"),
    N("plasturgie", "Habilitations électriques pour 6 techniciens"),
)
mut("management",
    N("logiciel", "Formation management pour nos nouveaux managers"),
    N("callcenter", "Formation des chefs d'équipe au management"),
)
mut("HACCP",
    N("restaurant", "Formation hygiène alimentaire HACCP"),
    N("traiteur", "haccp pour 3 nouveaux cuisiniers"),
    N("boulangerie", "formation hygiène pour les équipes de nuit"),
)
mut("vérification extincteurs",
    N("archi", "Vérification annuelle des extincteurs"),
    N("logiciel", "contrôle des extincteurs et RIA"),
)
mut("contrôles électriques",
    N("menuiserie", "Vérification électrique périodique annuelle"),
    N("brasserie", "contrôles réglementaires électriques et levage (VGP)"),
    O("electricite", "Contrôles électriques et thermographie"),
)
mut("navette salariés",
    N("callcenter", "Navette salariés depuis le métro, 120 personnes"),
    N("datacenter", "Plan de mobilité : covoiturage entre entreprises de la zone"),
    N("logiciel", "transport des salariés depuis la gare"),
    N("hyper", "PDIE : on monte un plan de mobilite inter-entreprises, covoit"),
)
mut("formation sécurité",
    N("aquaparc", "formation securite pour les saisonniers (premiers secours, incendie)"),
    N("hyper", "formations reglementaires securite : SST, CACES, habilitations"),
)
mut("crèche",
    N("callcenter", "Places en crèche pour nos salariés"),
    N("hyper", "garde d'enfants : réserver des berceaux en crèche inter-entreprises"),
)
mut("médecine du travail",
    N("archi", "Service de santé au travail"),
    N("menuiserie", "médecine du travail, adhésion commune ?"),
)
mut("recrutement",
    N("transports", "Difficultés de recrutement de chauffeurs : job dating commun ?"),
    N("conserverie", "Recrutement : forum emploi partagé sur la zone"),
)
mut("alternance",
    N("usinage", "Accueillir des apprentis en chaudronnerie et usinage"),
    N("chaudronnerie", "alternants à former, parcours partagé ?"),
)
mut("infogérance",
    N("archi", "Support informatique / dépannage"),
    N("labo", "maintenance informatique et sauvegarde"),
    O("logiciel", "Infogérance et support pour TPE de la zone"),
)
mut("conciergerie",
    N("callcenter", "Conciergerie d'entreprise pour les salariés (pressing, paniers)"),
    N("datacenter", "services aux salariés : pressing, conciergerie"),
)

# ---------------------------------------------------------------- shared staff, inverse seasons
def months_of(c):
    if c.get("months"): return set(c["months"])
    a = c.get("availability", "")
    if "hiver" in a: return {12, 1, 2}
    if "novembre à mars" in a: return {11, 12, 1, 2, 3}
    return set()
def staff(topic, *entries):
    """Shared staff: needs in seasons that do not overlap, and idle staff offered in the season
    another company needs it."""
    ids = [card(*e[:3], **e[3]) for e in entries]
    return ids
staff_ids = staff("saisonniers",
    N("conserverie", "Personnel saisonnier pour la campagne de légumes", category="rh", months=[6, 7, 8, 9]),
    N("chocolaterie", "Renforts en production pour Noël et Pâques", category="rh", months=[11, 12, 3, 4]),
    O("conserverie", "Opérateurs en sous-activité l'hiver, prêt de personnel possible", category="rh", availability="l'hiver"),
    O("chocolaterie", "salariés disponibles en été (creux d'activité)", category="rh", months=[7, 8]),
    N("aquaparc", "Besoin de personnel d'accueil et entretien juillet-août", category="rh", months=[7, 8]),
    N("pepiniere", "Main d'oeuvre pour les plantations de novembre à mars", category="rh", availability="de novembre à mars"),
)
# The conditioning cluster's Christmas card also asks for extra hands ("renfort").
staff_ids.append(next(c["id"] for c in cards if c["text"].startswith("Renfort pour mise en sachet")))
staff_cards = [c for c in cards if c["id"] in staff_ids]
for a, b in itertools.combinations(staff_cards, 2):
    if a["company_id"] == b["company_id"] or (a["kind"] == "offer" and b["kind"] == "offer"):
        continue
    ma, mb = months_of(a), months_of(b)
    if a["kind"] == "need" and b["kind"] == "need":
        ok = ma and mb and not (ma & mb)
    else:
        ok = ma and mb and (ma & mb)
    if ok:
        expected.append(dict(cards=[a["id"], b["id"]], kind="mutualisation", topic="emploi partagé"))

# ---------------------------------------------------------------- singletons and look-alikes
neg_palettes_strict = card("need", "laiterie", "Palettes bois uniquement (norme alimentaire), pas de plastique")
off_pal_plastique = card("offer", "plasturgie", "Palettes plastique PEHD réformées, 80 pièces", category="dechet")
off_huile_hydro = card("offer", "usinage", "Huile hydraulique usagée, 200 L", waste_code="13 01 10*")
need_huile_friture = card("need", "compostage", "On cherche des huiles alimentaires pour notre méthaniseur partenaire")
need_caces_training = card("need", "entrepots", "Former 2 caristes au CACES chariot")
off_chariot_telescopique = card("offer", "btp", "Manitou télescopique 14 m en location courte")
off_bureaux_space = card("offer", "callcenter", "Bureaux vides : 5 postes de travail à louer")
need_mobilier = card("need", "labo", "Mobilier de bureau pour notre extension (chaises, bureaux)")
off_eau_chaude = card("offer", "hotel", "Eau chaude sanitaire en surplus de notre chaudière")
need_froid = card("need", "traiteur", "Besoin de froid (climatisation de la cuisine centrale)")
off_dechets_verts2 = card("offer", "hotel", "Déchets de tonte de notre parc")
need_espaces_verts_service = card("need", "archi", "Paysagiste pour entretien de nos extérieurs")
need_verif_extincteurs = card("need", "cartonnerie", "Vérification extincteurs (120 appareils)")
off_formation_incendie = card("offer", "peintures", "Notre formateur incendie peut former vos équipiers")
off_destruction = card("offer", "esat", "Destruction confidentielle d'archives et de documents")
need_papier = card("need", "cartonnerie", "Besoin de vieux papiers pour la pâte")
off_imprimante3d = card("offer", "labo", "Imprimante 3D disponible pour prototypes")
need_impression = card("need", "conserverie", "Impression d'étiquettes et de flyers")
off_chambre_froide2 = card("offer", "boulangerie", "Chambre froide négative 20 m3 libre")
need_stockage_sec = card("need", "cartonnerie", "Stockage sec pour bobines de papier, 500 m2")
off_cartons2 = card("offer", "chocolaterie", "Cartons de livraison de cacao à donner")
off_cartons3 = card("offer", "torrefacteur", "cartons et sacs de jute de nos livraisons de café vert")
need_sacs_jute = card("need", "serres", "Sacs de jute pour pailler les allées")
need_granulats = card("need", "btp", "Sable et gravillons pour béton, 300 t")
off_restauration_dechets = card("offer", "hotel", "Restes du petit-déjeuner (viennoiseries, fruits)")
need_traiteur_repas = card("need", "esat", "Repas pour un séminaire de 50 personnes")
off_transport_marchandises = card("offer", "transports", "Transport de marchandises en groupage")
need_collecte_dib = card("need", "garage_pl", "Collecte de nos DIB en mélange")
off_compost_dechet = card("offer", "serres", "Plants invendus et terreau usagé en fin de saison")
need_saisonniers_insert = card("need", "regie", "Postes en insertion : on cherche des entreprises pour des mises en situation")
off_staff_same_season = card("offer", "aquaparc", "Maîtres-nageurs disponibles l'hiver", category="rh", availability="l'hiver")
need_chaleur_serres2 = card("need", "champignons", "Besoin de froid pour la chambre de fructification")
off_vapeur2 = card("offer", "datacenter", "Climatisation : groupe froid redondant sous-utilisé")
need_formation_excel = card("need", "conserverie", "Formation Excel pour le service qualité")
need_anglais = card("need", "cartonnerie", "Cours d'anglais pour l'équipe export")
off_vehicule_elec = card("offer", "electricite", "Bornes de recharge pour véhicules électriques sur notre parking, ouvertes aux voisins")
need_velos = card("need", "callcenter", "Vélos de service pour déplacements courts")
off_plastique_broye = card("offer", "plasturgie", "Broyat plastique PP de nos rebuts d'injection, 2 t/mois")
need_plastique_pe = card("need", "plasturgie", "Matière plastique recyclée PP pour injection")
off_batteries = card("offer", "garage_auto", "Batteries plomb usagées", waste_code="16 06 01*")
need_batteries = card("need", "insertion", "Collecte de batteries et piles usagées (filière agréée)", waste_code="16 06 01*")
expected.append(dict(cards=[off_batteries, need_batteries], kind="ess_bridge", topic="batteries (dangereux)"))

need_solvant_machines = card("need", "usinage", "cherche solvant pour nettoyage des machines", category="matiere")
need_huile_presses = card("need", "plasturgie", "Besoin d'huile hydraulique pour nos presses")
need_batteries_velo = card("need", "velo", "Cherche batteries de velo electrique d'occasion a reconditionner")
need_filiere_batteries = card("need", "garage_auto", "cherche une filiere agreee pour nos batteries usagees")
need_dons_meubles = card("need", "recyclerie", "on cherche des dons de meubles et objets en bon etat pour la boutique")

def neg(a, b, why):
    negatives.append(dict(cards=[a, b], why=why))

ids = {c["text"][:40]: c["id"] for c in cards}
def find(prefix):
    hits = [c["id"] for c in cards if c["text"].startswith(prefix)]
    assert len(hits) == 1, prefix
    return hits[0]

neg(off_pal_plastique, neg_palettes_strict, "palettes plastique alors que le bois est exigé")
neg(off_huile_hydro, need_huile_friture, "huile hydraulique n'est pas une huile alimentaire")
neg(find("Huile de friture usagée"), find("Collecte d'huiles minérales"), "huile de friture vers filière huiles minérales")
neg(find("huiles alimentaires usagées"), find("Collecte d'huiles minérales"), "huile alimentaire vs huiles minérales")
neg(find("Huiles de vidange moteur"), find("Collecte huiles végétales"), "huile de vidange vers biocarburant végétal")
neg(off_huile_hydro, find("Collecte huiles végétales"), "huile hydraulique vers huiles végétales")
neg(need_caces_training, find("Fenwick 2,5 t"), "formation CACES n'est pas un chariot")
neg(find("CACES R489"), find("chariot élévateur électrique"), "formation CACES vs prêt de chariot")
neg(off_chariot_telescopique, find("Besoin d'un chariot élévateur"), "télescopique n'est pas un chariot frontal")
neg(off_bureaux_space, need_mobilier, "bureaux (locaux) vs bureaux (meubles)")
neg(find("Mobilier de bureau (tables"), find("recherche poste de travail"), "meubles vs poste en coworking")
neg(off_eau_chaude, need_froid, "eau chaude vs besoin de froid")
neg(find("Chaleur fatale des serveurs"), need_froid, "chaleur vs froid")
neg(off_dechets_verts2, need_espaces_verts_service, "déchets de tonte vs prestation espaces verts")
neg(find("Déchets verts (tailles"), find("Entretien des espaces verts"), "déchets verts vs entretien espaces verts")
neg(need_verif_extincteurs, off_formation_incendie, "vérification extincteurs vs formation incendie")
neg(find("Vérification annuelle des extincteurs"), off_formation_incendie, "vérification vs formation")
neg(off_imprimante3d, need_impression, "imprimante 3D vs imprimerie")
neg(off_chambre_froide2, need_stockage_sec, "chambre froide vs stockage sec")
neg(find("200 m2 de stockage"), find("Cherche stockage réfrigéré"), "stockage sec vs réfrigéré")
neg(off_cartons2, off_cartons3, "deux offres de cartons : pas une mutualisation")
neg(find("Cartons d'emballage propres"), find("cartons vides de livraison"), "offre/offre de cartons")
neg(find("Palettes bois cassées"), find("pal. europe en bon état"), "deux offres de palettes")
neg(find("Chutes de bois non traité"), find("dechets de bois brut"), "deux offres de chutes de bois")
neg(need_sacs_jute, find("Big bags vides"), "sacs de jute vs big bags")
neg(need_granulats, find("Béton concassé"), "offre et besoin de la même entreprise")
neg(off_restauration_dechets, need_traiteur_repas, "restes de petit-déjeuner vs commande de repas")
neg(find("Restes alimentaires et pâtes"), find("repas du midi pour 25"), "biodéchets vs repas")
neg(off_transport_marchandises, need_collecte_dib, "transport de marchandises vs collecte de déchets")
neg(need_saisonniers_insert, find("Personnel saisonnier pour la campagne"), "insertion vs saisonniers")
neg(off_staff_same_season, find("Besoin de personnel d'accueil"), "disponibles l'hiver, besoin l'été")
neg(find("Besoin de personnel d'accueil"), find("Personnel saisonnier pour la campagne"), "deux besoins d'été : saisons qui se recouvrent")
neg(need_chaleur_serres2, find("Chaleur fatale des serveurs"), "froid vs chaleur")
neg(off_vapeur2, find("Besoin de chaleur pour chauffer"), "groupe froid vs chaleur")
neg(need_formation_excel, need_anglais, "deux formations différentes")
neg(find("Formation SST pour 4"), find("Formation incendie / manipulation"), "SST vs incendie")
neg(find("Achat groupé d'EPI"), find("Equipiers de première intervention"), "EPI (protection) vs EPI (incendie)")
neg(off_vehicule_elec, need_velos, "bornes de recharge vs vélos")
neg(off_plastique_broye, need_plastique_pe, "même entreprise")
neg(find("Marc de café de nos machines"), find("Drêches de brassage"), "offre/offre de coproduits")
neg(find("Nettoyage de bureaux et parties"), find("Ménage des bureaux") if False else off_bureaux_space, "nettoyage de bureaux vs bureaux à louer")
neg(find("Collecte mutualisée des déchets"), off_transport_marchandises, "offre/offre")
neg(find("Surplus de vapeur basse"), need_froid, "vapeur vs froid")
neg(find("Formation management pour"), find("Formation cariste caces"), "management vs CACES")
neg(find("habilitation électrique B0"), find("Contrôles électriques et thermographie"), "habilitation vs contrôle électrique")

neg(find("Solvants souillés (acétone"), find("Besoin de solvant régénéré"), "solvants souillés (dangereux) vers une entreprise qui n'est pas une filière agréée")
neg(find("solvants usagés (white spirit"), need_solvant_machines, "solvants usagés (dangereux) vers un besoin de solvant")
neg(find("huiles usagees de vidange"), need_huile_presses, "huile de vidange usagée (dangereuse) vers un besoin d'huile neuve")
neg(find("Neons et tubes fluo HS"), find("Récupération matériel informatique"), "néons et DEEE (dangereux) vers une ressourcerie sans agrément")
neg(find("Plaques fibrociment amiantees"), find("recherche remblai / inertes"), "amiante n'est pas un inerte")
neg(find("batteries PL HS"), need_batteries_velo, "batteries plomb usagées vers un atelier vélo")
neg(find("batteries PL HS"), need_filiere_batteries, "deux producteurs de batteries usagées : aucun ne les reprend")
neg(find("Collecte d'objets pour réemploi"), find("Collecte des papiers et cartons"), "ressourcerie : collecte d'objets, pas des déchets de bureau")
neg(find("Recyclerie : collecte d'objets"), find("collecte sélective de nos déchets"), "recyclerie vs collecte sélective des déchets")
neg(find("collecte de mobilier et objets"), find("enlèvement des déchets de bureau"), "collecte de mobilier vs enlèvement des déchets")
neg(find("Collecte des dechets de bureau et cartons"), need_dons_meubles, "collecte des déchets vs dons de meubles pour une recyclerie")
neg(find("Collecte mutualisée des déchets"), find("On doit vider un etage"), "collecte des déchets vs meubles réutilisables")

def also(offer_prefix, need_prefix, topic):
    a, b = find(offer_prefix), find(need_prefix)
    expected.append(dict(cards=[a, b], kind=pair_kind(a, b), topic=topic))

also("Huile hydraulique usagée", "Collecte d'huiles minérales", "huiles minérales")
also("Huile de friture usagée", "On cherche des huiles alimentaires", "huiles alimentaires")
also("huiles alimentaires usagées", "On cherche des huiles alimentaires", "huiles alimentaires")
for o in ("Palettes bois cassées", "pal. europe en bon état", "palettes 80x120 usagées"):
    also(o, "Palettes bois uniquement", "palettes bois")
for o in ("Cartons d'emballage propres", "cartons vides de livraison", "Cartons de livraison de cacao", "cartons et sacs de jute"):
    also(o, "Recherche papier / cartons de récupération", "cartons pour la pâte")
for o in ("Cartons de livraison de cacao", "cartons et sacs de jute"):
    also(o, "Besoin de cartons pour nos déménagements", "cartons")
also("cartons et sacs de jute", "recherche cartons d'emballage ondulés", "cartons")
also("cartons et sacs de jute", "Sacs de jute pour pailler", "sacs de jute")
also("cartons vides de livraison", "Besoin de vieux papiers", "papier")
also("Rognures et chutes de papier", "Besoin de vieux papiers", "papier")
for o in ("200 m2 de stockage", "Hangar partiellement vide"):
    also(o, "Stockage sec pour bobines", "stockage")
also("Chambre froide négative", "Cherche stockage réfrigéré", "froid")
also("Chambre froide négative", "besoin de place en chambre froide", "froid")
for o in ("Mobilier de bureau (tables", "fauteuils et caissons"):
    also(o, "Mobilier de bureau pour notre extension", "mobilier")
also("Bureaux vides : 5 postes", "recherche poste de travail", "bureaux")
also("Collecte mutualisée des déchets", "Collecte de nos DIB", "collecte")
for n in ("besoin transport de colis", "Livraison hebdo vers Saint-Malo"):
    also("Transport de marchandises en groupage", n, "transport")
    also("Tournées de messagerie colis", n, "transport")
also("Plants invendus et terreau", "compost pour rempotage", "terreau")
also("Déchets de tonte de notre parc", "Nous acceptons vos déchets verts", "déchets verts")
expected.append(dict(cards=[find("besoin transport de colis"), find("expédition de colis")], kind="mutualisation", topic="messagerie"))
for o in ("Eau chaude sanitaire en surplus", "Surplus de vapeur basse pression"):
    also(o, "Besoin de chaleur pour chauffer", "chaleur")
    also(o, "Chauffage des bassins", "chaleur")
also("Bacs plastique gerbables", "Matière plastique recyclée PP", "plastique")
also("Climatisation : groupe froid", "Besoin de froid (climatisation", "froid")
also("huiles usagees de vidange", "Collecte d'huiles minérales", "huiles minérales (dangereux)")
also("Neons et tubes fluo HS", "DEEE : on collecte vos", "DEEE (dangereux)")
also("batteries PL HS", "Collecte de batteries et piles", "batteries (dangereux)")
also("reliefs de repas de notre self", "On collecte vos biodéchets", "biodéchets")
also("pulpes et epluchures de legumes", "On collecte vos biodéchets", "biodéchets")
also("pulpes et epluchures de legumes", "Cherche coproduits agroalimentaires", "coproduits")
also("pots en verre declasses", "besoin de bocaux et bouteilles verre", "verre")
for o in ("Chaleur fatale des serveurs", "récup de chaleur sur les fours", "Calories perdues sur nos groupes"):
    also(o, "projet de reseau de chaleur", "chaleur")
for n in ("On doit vider un etage", "fin de bail, besoin de se debarasser"):
    also("Collecte d'objets pour réemploi", n, "réemploi")
also("Solvants souillés (acétone", "Reprise de vos déchets dangereux", "solvants (dangereux)")
for o in ("Mobilier de bureau (tables", "fauteuils et caissons", "collecte de mobilier et objets", "Collecte d'objets pour réemploi"):
    also(o, "on cherche des dons de meubles", "mobilier de réemploi")
for n in ("Besoin de mobilier pour équiper", "Mobilier de bureau pour notre extension"):
    also("collecte de mobilier et objets", n, "mobilier de réemploi")
for o in ("Surplus de vapeur basse pression", "Eau chaude sanitaire en surplus"):
    also(o, "projet de reseau de chaleur", "chaleur")
for o in ("collecte de mobilier et objets", "Recyclerie : collecte d'objets"):
    also(o, "Rénovation des chambres : cherche une filière de réemploi", "réemploi")

def dump(name, rows, jsonl):
    with open(os.path.join(HERE, name), "w", encoding="utf-8") as f:
        if jsonl:
            for r in rows:
                f.write(json.dumps(r, ensure_ascii=False) + "\n")
        else:
            json.dump(rows, f, ensure_ascii=False, indent=1)
            f.write("\n")

dump("companies.json", companies, False)
dump("cards.json", cards, False)
dump("expected.jsonl", expected, True)
dump("negatives.jsonl", negatives, True)
kinds = {}
for e in expected:
    kinds[e["kind"]] = kinds.get(e["kind"], 0) + 1
print(len(companies), "companies,", len(cards), "cards,", len(expected), "expected", kinds, len(negatives), "negatives")
