#!/usr/bin/env python3
"""Workshop « Limagne – Livradois » (fictional): construction, inert waste, wood and furniture
around Clermont-Ferrand, Riom and Thiers. Writes companies.json, cards.json, expected.jsonl,
negatives.jsonl next to this file. Run: python3 tests/eval/sets/auvergne-bois-btp/make_set.py
"""
import os, sys
HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.dirname(os.path.dirname(HERE)))
from evalset import Workshop, O, N, T  # noqa: E402

w = Workshop("au")
B = ("ZI du Brézet, Clermont-Ferrand", 45.7870, 3.1440)
L = ("ZA de Lempdes", 45.7700, 3.1950)          # ~4 km from B
R = ("ZI de Riom-Ménétrol", 45.8700, 3.1300)    # ~9-10 km from B
T_ = ("ZI de Felet, Thiers", 45.8560, 3.5250)   # ~30 km from B
C = ("Clermont-Ferrand centre", 45.7772, 3.0870)
co = w.co
co("carriere", "Carrières des Dômes", R, 0.004, -0.006, "08.12Z", 35)
co("btp", "Arverne Bâtiment", B, 0.002, 0.001, "41.20A", 110)
co("tp", "TP Limagne", L, -0.002, 0.003, "42.11Z", 80)
co("demolition", "Démolition Auvergne Services", R, -0.003, 0.002, "43.11Z", 25)
co("inertes", "Recy'Inertes 63", L, 0.004, -0.002, "38.32Z", 12)
co("beton", "Béton Prêt Limagne", B, -0.002, 0.004, "23.63Z", 30)
co("scierie", "Scierie du Livradois", T_, 0.003, 0.002, "16.10A", 28)
co("menuiserie", "Menuiserie Chabrol", R, 0.001, 0.003, "16.23Z", 16)
co("ebenisterie", "Ébénisterie Vialle", T_, -0.002, -0.003, "31.09B", 9)
co("meubles", "Meubles Auvergne Création", T_, 0.001, -0.006, "31.01Z", 65)
co("agencement", "Agencement Volcans", B, 0.003, -0.002, "43.32A", 22)
co("charpente", "Charpentes du Forez", L, 0.001, 0.006, "43.91A", 14)
co("couverture", "Sancy Toitures", R, 0.002, -0.002, "43.91B", 11)
co("electricien", "Élec Bât Arverne", B, 0.000, 0.006, "43.21A", 40)
co("plombier", "Thermique Plomberie Riomoise", R, -0.001, -0.004, "43.22A", 18)
co("peintre", "Peinture Décor 63", L, -0.003, -0.004, "43.34Z", 10)
co("archi", "Atelier d'architecture du Puy-de-Dôme", C, 0.001, 0.002, "71.11Z", 7)
co("bet", "BET Structure Massif", C, -0.002, 0.003, "71.12B", 15)
co("negoce", "Négoce Matériaux Limagne", L, 0.002, -0.005, "46.73A", 45)
co("location", "Loc'Engins Auvergne", B, 0.005, 0.002, "77.32Z", 20)
co("transport", "Transports Fayolle", B, -0.005, 0.000, "49.41A", 55)
co("palettes", "Palettes du Centre", R, 0.005, 0.004, "16.24Z", 19)
co("chaufferie", "SEM Chaleur Bois de Riom", R, -0.004, 0.001, "35.30Z", 6)
co("granules", "Granulés d'Auvergne", T_, 0.005, 0.004, "16.29Z", 21)
co("pepiniere", "Pépinières de la Limagne", R, 0.008, 0.006, "01.30Z", 13)
co("paysagiste", "Jardins des Volcans", L, 0.005, 0.005, "81.30Z", 26)
co("ferme", "GAEC des Combrailles", R, 0.012, -0.010, "01.41Z", 4)
co("equestre", "Centre équestre de Châteaugay", R, -0.008, -0.012, "93.19Z", 5)
co("fenetres", "Fenêtres Alu Auvergne", L, -0.005, 0.001, "25.12Z", 38)
co("metallerie", "Métallerie Thiernoise", T_, -0.004, 0.003, "25.11Z", 17)
co("coutellerie", "Coutellerie du Pont de Seychalles", T_, 0.002, -0.001, "25.71Z", 33)
co("plasturgie", "Plast'Auvergne Recyclage", R, 0.006, -0.003, "22.29A", 27)
co("compost", "Compost des Volcans", L, 0.007, -0.006, "38.21Z", 8)
co("bois_recup", "Bois Recyclage Centre", R, -0.006, 0.006, "38.32Z", 14)
co("collecte", "Collectes Limagne Environnement", L, -0.006, -0.006, "38.11Z", 60)
co("dangereux", "Auvergne Déchets Spéciaux", B, 0.006, 0.006, "38.22Z", 35)
co("rie", "Restaurant inter-entreprises du Brézet", B, 0.001, -0.003, "56.29A", 14)
co("formation", "Centre de formation BTP du Puy-de-Dôme", C, 0.003, -0.004, "85.59A", 30)
co("champignons", "Champignonnière des Grottes de Royat", C, -0.004, -0.030, "01.13Z", 4)
co("materiautheque", "Matériauthèque Arverne (ressourcerie du BTP)", C, 0.002, 0.008, "47.79Z", 6, ess=True)
co("insertion", "Bois & Co, chantier d'insertion", T_, 0.000, 0.008, "88.99B", 18, ess=True)
co("esat", "ESAT des Dômes", L, 0.006, 0.000, "88.10C", 85, ess=True)
co("ea", "Arverne Adaptée, entreprise adaptée", B, -0.006, 0.005, "82.92Z", 48, ess=True)
co("geiq", "GEIQ BTP Auvergne", C, -0.001, -0.001, "78.30Z", 9, ess=True)
co("recyclerie", "Recyclerie du Val d'Allier", R, 0.003, 0.009, "47.79Z", 10, ess=True)

# ------------------------------------------------------------ inert materials, soil
w.sub("terres excavées -> ISDI",
      O("tp", "terres excavees inertes, env 8000 m3, chantier rocade, dispo avril-juin", months=[4, 5, 6], quantity=8000, unit="m3", waste_code="17 05 04"),
      O("btp", "deblais terre sablo-argileuse 1500m3 a evacuer rapidement", waste_code="17 05 04"),
      N("carriere", "on accepte les terres inertes pr remblaiement de la carriere (ISDI autorisee)", category="dechet"))
w.sub("terre végétale",
      O("btp", "Terre végétale décapée 300 m3 stockée sur chantier Lempdes", quantity=300, unit="m3"),
      N("paysagiste", "terre vegetale criblee pour gazon, PAS de remblai ni de cailloux"))
w.sub("granulats recyclés",
      O("demolition", "beton concasse 0/31.5 issu de demolition, 2000t, stock Riom", quantity=2000, unit="t"),
      O("inertes", "Granulats recyclés GR1 0/20 et 0/31,5 livrables semi", category="matiere"),
      N("tp", "besoin grave pour couches de forme, 3000 t sur le chantier ZAC", quantity=3000, unit="t"),
      N("paysagiste", "cailloux / concassé pr allées et fond de forme parking client"))
w.sub("gravats -> plateforme inertes",
      O("btp", "gravats melange beton brique, benne 15m3 ttes les semaines", waste_code="17 01 07"),
      O("couverture", "tuiles cassées et déblais de toiture en benne"),
      T("inertes", "Recy'Inertes : on reprend vos gravats propres (beton, brique, tuiles) sur notre plateforme", category="dechet"))
w.sub("sable normé",
      O("carriere", "sable 0/4 roulé lavé conforme NF EN 12620, stock 5000t", quantity=5000, unit="t"),
      N("beton", "sable 0/4 NF EN 12620 pour béton de structure, 200 t/sem", quantity=200, unit="t", frequency="semaine"))
w.single(O("inertes", "fines de concassage 0/4 (non lavées)"))
w.sub("sable pour carrière équestre",
      N("equestre", "sable pour la carrière d'équitation, 80 t"))
w.pair("fines de concassage 0/4", "sable pour la carrière d'équitation", "fines -> sol équestre", "weak")
w.pair("sable 0/4 roulé lavé", "sable pour la carrière d'équitation", "sable", "strong")

# ------------------------------------------------------------ plaster, glass, joinery reuse
w.sub("réemploi du second oeuvre",
      O("fenetres", "menuiseries alu déposées en bon état, une trentaine de fenêtres"),
      O("agencement", "portes interieures et plans de travail demontes, reutilisables"),
      O("negoce", "fins de série : carrelage 40 m2, sacs de colle entamés, sanitaires déclassés"),
      N("materiautheque", "Matériauthèque : on récupère vos matériaux de réemploi (portes, fenêtres, carrelage, sanitaires)"),
      N("insertion", "chantier d insertion : besoin de materiaux de recup pr nos chantiers de renovation"))
w.sub("tuiles anciennes",
      O("couverture", "tuiles anciennes en terre cuite deposees, bon etat, ~2000"),
      N("archi", "cherche tuiles anciennes pour restauration d'une grange (projet client)"))
w.pair("tuiles anciennes en terre cuite", "Matériauthèque : on récupère", "réemploi", "weak")

# ------------------------------------------------------------ wood: pallets, offcuts, sawdust
w.sub("palettes",
      O("negoce", "palettes consignees non reprises + pal perdues, 60/sem", quantity=60, unit="pièces", frequency="semaine"),
      O("beton", "palettes bois des sacs de ciment, cassées ou pas"),
      N("palettes", "Palettes du Centre : on rachète palettes 80x120 et 100x120 même abîmées, réparation sur site"),
      N("esat", "palettes pour notre atelier de fabrication de mobilier de jardin"))
w.sub("chutes de bois -> biomasse",
      O("scierie", "dosses et delignures, 15t/sem", quantity=15, unit="t", frequency="semaine", waste_code="03 01 05"),
      O("menuiserie", "chutes bois massif non traité (chêne, hêtre) en big bag"),
      O("charpente", "chutes de charpente douglas non traite 4 t/mois", quantity=4, unit="t", frequency="mois"),
      N("chaufferie", "recherche bois classe A broyé ou à broyer pour chaudière biomasse, 3000 t/an", category="energie", quantity=3000, unit="t", frequency="an"),
      N("granules", "matiere premiere : connexes de scierie, sciure, plaquettes, bois non traite"))
w.pair("palettes consignees non reprises", "recherche bois classe A", "palettes -> plaquettes classe A", "weak")
w.pair("palettes bois des sacs de ciment", "recherche bois classe A", "palettes -> plaquettes classe A", "weak")
w.sub("sciure",
      O("scierie", "sciure fraiche de resineux, 40 m3/sem", quantity=40, unit="m3", frequency="semaine"),
      O("ebenisterie", "copeaux de rabotage chene et noyer + poussiere d'aspi, en sacs"),
      N("equestre", "litière : copeaux ou sciure sèche pour les boxes"),
      N("ferme", "litiere pr stabulation, sciure ok, 10 t/an"))
w.pair("sciure fraiche de resineux", "matiere premiere : connexes", "sciure -> granulés", "strong")
w.sub("substrat champignons",
      N("champignons", "substrat pour pleurotes : sciure de feuillus uniquement (pas de résineux)"))
w.pair("copeaux de rabotage chene", "substrat pour pleurotes", "sciure de feuillus -> substrat", "weak")
w.sub("panneaux -> bois classe B",
      O("agencement", "chutes de panneaux MDF et agglo mélaminé, 2 bennes/mois"),
      N("bois_recup", "On reprend : palettes, bois classe A et B, panneaux, chutes de menuiserie, sciure"))
for o, s in (("palettes consignees non reprises", "strong"), ("palettes bois des sacs de ciment", "strong"),
             ("dosses et delignures", "strong"), ("chutes bois massif non traité", "strong"),
             ("chutes de charpente douglas", "strong"), ("sciure fraiche de resineux", "weak"),
             ("copeaux de rabotage chene", "weak")):
    w.pair(o, "On reprend : palettes, bois classe A", "bois de récupération", s)
w.sub("écorces -> paillage",
      O("scierie", "écorces de résineux, 30 m3/mois", quantity=30, unit="m3", frequency="mois"),
      N("paysagiste", "paillage pour massifs de nos chantiers, 50 m3 au printemps", months=[3, 4, 5]))

# ------------------------------------------------------------ hazardous
w.sub("déchets dangereux du BTP",
      O("tp", "traverses SNCF creosotees, 40 pieces", waste_code="17 02 04*"),
      O("demolition", "depose amiante-ciment (plaques fibro), chantier Riom, 6t", quantity=6, unit="t", waste_code="17 06 05*"),
      O("peintre", "fonds de pots peinture glycero + white spirit sale", waste_code="08 01 11*"),
      O("location", "huiles hydrauliques usagées des engins, 600 L/an", quantity=600, unit="L", frequency="an", waste_code="13 01 10*"),
      O("electricien", "tubes neons et lampes usagees de chantier", waste_code="20 01 21*"),
      T("dangereux", "Reprise des déchets dangereux du BTP (bois traités, amiante, peintures, huiles, lampes), agréé ICPE", category="dechet"))
w.single(N("paysagiste", "cherche traverses bois pour bordures de massifs"),
         N("insertion", "huile pour nos machines à bois (chaînes de tronçonneuse)"))
w.sub("peinture de réemploi",
      O("peintre", "peinture acrylique neuve restante, 20 pots de 15L, teintes blanc casse"),
      N("recyclerie", "peinture pour rénover notre local de vente"))

# ------------------------------------------------------------ metals, plastics
w.sub("métaux",
      O("metallerie", "chutes tole acier S235 + alu, benne 10m3/mois", waste_code="12 01 01"),
      O("fenetres", "chutes de profilés alu (6060), 800 kg/mois", quantity=800, unit="kg", frequency="mois"),
      O("electricien", "chutes de cables cuivre et tourets bois vides"),
      O("plombier", "tubes cuivre et radiateurs fonte déposés"),
      T("collecte", "Collectes Limagne : nous reprenons ferraille, alu, cuivre, cables electriques, bennes fournies"))
w.pair("chutes de cables cuivre", "On reprend : palettes, bois classe A", "tourets bois", "weak")
w.single(N("coutellerie", "acier inox X50CrMoV15 en barres, qualité certifiée, pour lames"))
w.sub("plastiques",
      O("tp", "tubes PEHD chutes de réseau AEP, 300 m"),
      O("electricien", "chutes de gaines annelées PE/PP (TPC) de chantier"),
      N("plasturgie", "cherche PP et PEHD en chutes ou broyés (tubes, bidons) pour recyclage - PAS de PVC"))
w.single(O("plombier", "chutes de tubes PVC evacuation, 1 benne/trimestre"))
w.sub("big bags",
      O("negoce", "big bags vides (ciment, chaux), ~100/mois", quantity=100, unit="pièces", frequency="mois"),
      O("beton", "bigbags de ciment vides, à récupérer sur site"),
      N("paysagiste", "big bag pour évacuer les déchets verts chez les clients"))
w.single(N("ferme", "big bags propres pour stocker l'aliment du bétail (contact alimentaire)"))

# ------------------------------------------------------------ green waste, compost
w.sub("déchets verts -> compost",
      O("paysagiste", "dechets verts tailles/tontes 5 t/sem au printemps", months=[3, 4, 5, 6], quantity=5, unit="t", frequency="semaine"),
      O("pepiniere", "branchages et tailles de haies, l'hiver", months=[12, 1, 2]),
      T("compost", "plateforme de compostage : on accepte vos déchets verts, 25 €/t"))
w.sub("compost",
      O("compost", "compost criblé 0/10 NFU 44-051, vrac", category="matiere"),
      N("pepiniere", "compost pour rempotage, 40 m3", quantity=40, unit="m3"),
      N("paysagiste", "terreau / compost pour plantations"))
w.sub("retours béton",
      O("beton", "retours de béton frais, 2 m3/jour, on peut couler des blocs", quantity=2, unit="m3", frequency="jour"),
      N("paysagiste", "blocs béton pour murets et enrochement de talus"), strength="weak")

# ------------------------------------------------------------ heat, water
w.sub("réseau de chaleur bois",
      O("chaufferie", "reseau de chaleur : raccordement possible, eau 90°C, zone de Riom-Ménétrol", category="energie"),
      N("menuiserie", "chauffage de l'atelier l'hiver (600 m2), on est à Ménétrol", months=[11, 12, 1, 2, 3]),
      N("pepiniere", "serre à chauffer l'hiver, eau 30-40°C suffit", category="energie", months=[12, 1, 2]))
w.single(O("granules", "chaleur basse température des sécheurs : air à 45°C, en continu", category="energie"),
         O("coutellerie", "eau de refroidissement des fours de trempe, 30°C, 5 m3/h", category="energie"),
         N("ebenisterie", "séchoir à bois : besoin de chaleur à 80°C minimum", category="energie"))
w.sub("eau de pluie",
      O("location", "eau de pluie, cuves 20 m3 sur le parc engins du Brézet", category="eau", quantity=20, unit="m3"),
      N("beton", "eau non potable pour lavage des toupies, Brézet", category="eau"))
w.single(N("pepiniere", "eau d arrosage non potable pour les cultures", category="eau"),
         N("champignons", "eau pour brumisation des caves, potable obligatoire (contact aliment)", category="eau"))

# ------------------------------------------------------------ equipment, transport, space
w.sub("chariot le samedi",
      O("negoce", "chariot élévateur frontal 3t libre le samedi", category="equipement", availability="le samedi"),
      N("palettes", "besoin chariot elevateur le samedi matin pour tri palettes", availability="le samedi"))
w.sub("nacelle",
      O("electricien", "nacelle 12m (PEMP) libre en juillet-août", category="equipement", months=[7, 8]),
      N("couverture", "besoin nacelle pr reprise de zinguerie, juillet", months=[7]))
w.single(N("agencement", "nacelle pour pose d'enseigne en novembre", months=[11]))
w.sub("broyeur",
      O("paysagiste", "broyeur de branches Ø15 cm, prêt le lundi", category="equipement", availability="le lundi"),
      N("pepiniere", "broyeur pour les tailles de haies"))
w.sub("fret retour",
      O("transport", "camions benne 8x4 retour a vide Thiers -> Clermont le soir", category="logistique"),
      N("scierie", "transport de sciure de Thiers vers Clermont, 2 fois/sem"))
w.single(N("carriere", "transport granulats de Riom vers Thiers, 3 rotations/jour"))
w.sub("stockage extérieur",
      O("negoce", "terrain stabilisé 2000 m2 inoccupé (extérieur)", category="espace", quantity=2000, unit="m2"),
      N("demolition", "aire de stockage pr materiaux de reemploi, 500m2", quantity=500, unit="m2"))
w.sub("stockage couvert",
      O("menuiserie", "hangar couvert 400 m2 vide jusqu'en mars", category="espace", quantity=400, unit="m2"),
      N("meubles", "stockage couvert et sec pour mobilier, 300 m2", quantity=300, unit="m2"))
w.sub("mobilier",
      O("meubles", "mobilier de bureau déclassé (défauts d'aspect), 50 caissons"),
      O("bet", "bureaux + chaises suite démenagement, à donner"),
      N("recyclerie", "dons de meubles en bon état pour notre boutique"),
      N("geiq", "meubler nos nouveaux bureaux à petit prix"))

# ------------------------------------------------------------ shared services, purchases
w.mut("gardiennage Brézet",
      N("location", "gardiennage du parc engins nuit et week-end, Brézet", category="service"),
      N("beton", "rondes de nuit sur le site du Brézet"),
      N("btp", "surveillance du dépôt (Brézet) la nuit, partage d'un agent ?"))
w.single(N("carriere", "gardiennage de la carrière de nuit (Ménétrol)"))
w.mut("restauration",
      O("rie", "RIE du Brézet : repas ouverts aux salariés des entreprises voisines, 200 couverts"),
      N("beton", "solution repas le midi pour 30 salariés"),
      N("electricien", "cantine pr nos gars au dépôt le midi"))
w.single(N("carriere", "repas du midi pour 15 salariés à la carrière"))
w.mut("collecte papiers de bureau",
      O("ea", "entreprise adaptée : collecte et tri des papiers de bureau sur Clermont"),
      N("archi", "collecte papiers/cartons du bureau"),
      N("bet", "tri et enlevement des dechets de bureau"),
      N("formation", "collecte des cartons et papiers du centre"))
w.mut("CACES engins de chantier",
      O("formation", "centre BTP : sessions CACES R482 (engins de chantier) tous les mois", category="formation"),
      N("btp", "formation CACES R482 cat A et B1 pour 4 compagnons"),
      N("tp", "recyclage CACES R482 mini-pelle et chargeuse"))
w.mut("CACES chariots",
      N("negoce", "CACES R489 cat 3 pour 3 caristes"),
      N("palettes", "caces chariot R489, 2 personnes"))
w.mut("habilitation électrique bâtiment",
      N("electricien", "habilitation BR / B2V pour 5 électriciens (NF C18-510)"),
      N("plombier", "habilitation électrique B1V BR pr techniciens chauffage"))
w.single(N("location", "habilitation véhicules électriques et hybrides NF C18-550 (B0L, B2VL) pour nos mécaniciens"))

# ------------------------------------------------------------ staff: loans, shared jobs, ESS
w.loan("prêt de personnel hors saison",
       O("tp", "conducteurs d'engins dispo janvier-février (chantiers arrêtés), prêt de personnel", category="rh", months=[1, 2]),
       O("paysagiste", "jardiniers en sous-activite l'hiver dec-fev", category="rh", months=[12, 1, 2]),
       N("granules", "renfort manutention d'octobre à février (pic de saison granulés)", category="rh", months=[10, 11, 12, 1, 2]),
       N("pepiniere", "main d'oeuvre pour l'arrachage des plants, novembre-mars", category="rh", months=[11, 12, 1, 2, 3]),
       N("paysagiste", "saisonniers espaces verts avril-juin", category="rh", months=[4, 5, 6]),
       N("couverture", "couvreur zingueur en renfort de mai à septembre", category="rh", months=[5, 6, 7, 8, 9]))
w.mut("affûteur partagé",
      N("scierie", "cherche affûteur (scies à ruban) à temps partagé, 1 j/sem", category="rh"),
      N("menuiserie", "affuteur 1 jour par semaine, emploi partage ?"))
w.mut("technicien de maintenance partagé",
      N("ebenisterie", "technicien maintenance pour nos machines, mi-temps partagé", category="rh"),
      N("meubles", "technicien de maintenance industrielle à partager 2,5 j/sem"))
w.sub("GEIQ",
      O("geiq", "GEIQ BTP : mise à disposition de salariés en parcours (maçons, coffreurs)", category="rh"),
      N("btp", "maçon coffreur N2 pour 6 mois"),
      N("demolition", "manoeuvres / aides démolisseurs pour l'été", months=[6, 7, 8]))
w.sub("sous-traitance ESAT",
      O("esat", "ESAT des Dômes : conditionnement, petit montage, palettisation", category="service"),
      N("meubles", "sous-traitance : montage quincaillerie et mise en carton des kits"))
w.sub("curage",
      O("insertion", "chantier d'insertion : démontage soigné / curage avant démolition", category="service"),
      N("demolition", "curage interieur avant demolition, main d'oeuvre 3 semaines"))

# ------------------------------------------------------------ look-alikes a facilitator rejects
neg = w.neg
neg("chaleur basse température des sécheurs", "serre à chauffer l'hiver", "chaleur à 45 °C de Thiers vers une serre de Riom : 30 km, la chaleur basse température ne voyage pas")
neg("eau de refroidissement des fours de trempe", "séchoir à bois : besoin de chaleur", "eau à 30 °C, le séchoir exige 80 °C minimum")
neg("reseau de chaleur : raccordement", "séchoir à bois : besoin de chaleur", "réseau de Riom, séchoir à Thiers : 30 km")
neg("eau de pluie, cuves 20 m3", "eau d arrosage non potable", "eau de pluie du Brézet vers Riom : 10 km pour de l'eau, pas viable")
neg("eau de pluie, cuves 20 m3", "eau pour brumisation des caves", "eau de pluie alors que l'eau potable est obligatoire (contact aliment)")
neg("gardiennage de la carrière de nuit", "rondes de nuit sur le site du Brézet", "rondes mutualisées entre la carrière et le Brézet : 10 km")
neg("gardiennage de la carrière de nuit", "gardiennage du parc engins", "un agent ne couvre pas deux sites à 10 km")
neg("RIE du Brézet", "repas du midi pour 15 salariés", "repas du midi au Brézet pour une carrière à 10 km")
neg("nacelle 12m (PEMP) libre", "nacelle pour pose d'enseigne", "nacelle libre en juillet-août, besoin en novembre")
neg("conducteurs d'engins dispo janvier", "saisonniers espaces verts avril-juin", "personnel libre en janvier-février, besoin d'avril à juin")
neg("jardiniers en sous-activite", "couvreur zingueur en renfort", "jardiniers libres l'hiver, besoin de couvreurs mai-septembre (et autre métier)")
neg("formation CACES R482 cat A", "CACES R489 cat 3", "R482 (engins de chantier) et R489 (chariots) : deux formations différentes")
neg("centre BTP : sessions CACES R482", "caces chariot R489", "le centre forme au R482, le besoin est R489")
neg("centre BTP : sessions CACES R482", "CACES R489 cat 3", "le centre forme au R482, le besoin est R489")
neg("habilitation BR / B2V", "habilitation véhicules électriques", "NF C18-510 (bâtiment) et NF C18-550 (véhicules) : pas la même habilitation")
neg("chutes de tubes PVC", "cherche PP et PEHD", "PVC alors que le recycleur exclut le PVC")
neg("chutes de panneaux MDF", "recherche bois classe A", "panneaux MDF / agglo (bois classe B, colles) interdits en chaudière classe A")
neg("traverses SNCF creosotees", "cherche traverses bois pour bordures", "traverses créosotées : déchet dangereux, pas pour un paysagiste")
neg("depose amiante-ciment", "Recy'Inertes : on reprend vos gravats", "amiante-ciment n'est pas un inerte : plateforme non agréée")
neg("fonds de pots peinture glycero", "peinture pour rénover notre local", "fonds de peinture solvantée et white spirit sale (dangereux) vers une recyclerie")
neg("huiles hydrauliques usagées", "huile pour nos machines à bois", "huile usagée (dangereuse) vers un besoin d'huile neuve")
neg("tubes neons et lampes", "Collectes Limagne : nous reprenons ferraille", "lampes (dangereuses) vers un ferrailleur non agréé")
neg("big bags vides (ciment, chaux)", "big bags propres pour stocker l'aliment", "big bags ayant contenu du ciment : pas de contact alimentaire")
neg("sciure fraiche de resineux", "substrat pour pleurotes", "sciure de résineux, le substrat exige des feuillus")
neg("terres excavees inertes", "terre vegetale criblee pour gazon", "terres de déblai alors que le besoin exclut le remblai")
neg("deblais terre sablo-argileuse", "terre vegetale criblee pour gazon", "déblais, le besoin exclut le remblai")
neg("terrain stabilisé 2000 m2", "stockage couvert et sec pour mobilier", "terrain extérieur, le mobilier exige un stockage couvert et sec")
neg("camions benne 8x4 retour", "transport granulats de Riom vers Thiers", "retours Thiers -> Clermont, besoin Riom -> Thiers : sens inverse")
neg("chutes tole acier S235", "acier inox X50CrMoV15", "chutes d'acier de construction, la coutellerie exige un inox certifié")
neg("fines de concassage 0/4", "sable 0/4 NF EN 12620", "fines recyclées non lavées, le béton de structure exige du sable normé")
neg("dosses et delignures", "chutes de charpente douglas", "deux producteurs de chutes : aucun ne les reprend")
neg("formation CACES R482 cat A", "chariot élévateur frontal 3t", "une formation n'est pas un engin")
neg("tubes cuivre et radiateurs fonte", "Reprise des déchets dangereux du BTP", "métaux non dangereux : pas pour la filière déchets dangereux")

w.write(HERE)
