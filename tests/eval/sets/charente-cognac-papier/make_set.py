#!/usr/bin/env python3
"""Workshop « Cognac – Jarnac – Angoulême » (fictional): wine and spirits, cooperage, glass,
paper and printing, catering and health, farming. Writes companies.json, cards.json,
expected.jsonl, negatives.jsonl next to this file.
Run: python3 tests/eval/sets/charente-cognac-papier/make_set.py
"""
import os, sys
HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.dirname(os.path.dirname(HERE)))
from evalset import Workshop, O, N, T  # noqa: E402

w = Workshop("cj")
CG = ("Cognac – ZI du Mas de la Cour", 45.6950, -0.3290)
JA = ("Jarnac – ZA des Chaumes", 45.6810, -0.1750)          # ~12 km from CG
AN = ("Angoulême – ZI n°3, L'Isle-d'Espagnac", 45.6630, 0.1900)  # ~40 km from CG, ~28 km from JA
co = w.co
co("distillerie", "Distillerie du Mas", CG, 0.002, 0.003, "11.01Z", 60)
co("maison", "Maison de Cognac Bertrand & Fils", CG, -0.003, 0.004, "11.01Z", 300)
co("tonnellerie", "Tonnellerie de Cognac", CG, 0.004, -0.003, "16.24Z", 90)
co("verrerie", "Verrerie de Charente", CG, -0.005, -0.004, "23.13Z", 450)
co("cartonnage", "Étuis et Coffrets de Cognac", CG, 0.001, 0.006, "17.21B", 70)
co("etiquettes", "Étiquettes Charentaises", CG, 0.006, 0.001, "18.12Z", 45)
co("transport", "Transports Charente Logistique", CG, -0.002, -0.007, "49.41A", 80)
co("serres", "Serres horticoles du Mas", CG, 0.005, 0.005, "01.19Z", 12)
co("reseau", "Réseau de chaleur de Cognac", CG, -0.006, 0.002, "35.30Z", 6)
co("ferrailleur", "Charente Métaux Recyclage", CG, 0.007, -0.006, "38.32Z", 18)
co("esat", "ESAT du Cognaçais", CG, -0.004, 0.008, "88.10C", 85, ess=True)
co("ressourcerie", "Ressourcerie du Cognaçais", CG, 0.003, -0.008, "47.79Z", 9, ess=True)
co("coop_distil", "Coopérative de distillation de Jarnac", JA, 0.002, 0.002, "11.01Z", 20)
co("viticulteur", "Vignobles des Borderies (GAEC)", JA, 0.006, -0.004, "01.21Z", 14)
co("methanisation", "Biogaz des Borderies", JA, -0.004, 0.005, "35.21Z", 7)
co("compost", "Compost'Charente, plateforme de compostage", JA, -0.006, -0.003, "38.21Z", 9)
co("elevage", "EARL des Prés, vaches allaitantes", JA, 0.008, 0.006, "01.42Z", 3)
co("boulangerie", "Boulangerie bio du Fournil de Jarnac", JA, 0.001, -0.002, "10.71C", 6)
co("menuiserie", "Menuiserie Agencement Jarnac", JA, -0.002, 0.007, "16.23Z", 25)
co("hotel", "Hôtel-restaurant des Quais", JA, 0.003, 0.001, "55.10Z", 30)
co("garage", "Garage Agri-Viti Service", JA, -0.007, -0.006, "45.20B", 8)
co("jardins", "Les Jardins de Jarnac, chantier d'insertion", JA, 0.007, 0.009, "88.99B", 22, ess=True)
co("papeterie", "Papeteries de l'Angoumois", AN, 0.003, 0.004, "17.12Z", 200)
co("imprimerie", "Imprimerie Offset Angoumoisine", AN, -0.002, 0.003, "18.12Z", 60)
co("encres", "Encres et Vernis du Sud-Ouest", AN, 0.004, -0.005, "20.30Z", 40)
co("mecanique", "Usinage Aéro Charente", AN, -0.005, -0.002, "25.62B", 70)
co("blanchisserie", "Blanchisserie Hôtelière Charentaise", AN, 0.006, 0.006, "96.01A", 55)
co("clinique", "Clinique Sainte-Marthe", AN, -0.003, 0.008, "86.10Z", 400)
co("cuisine", "Cuisine centrale du Grand Angoulême", AN, 0.001, -0.008, "56.29A", 45)
co("oleo", "Oléo Charente, collecte d'huiles alimentaires", AN, -0.007, 0.001, "38.11Z", 6)
co("dangereux", "Charente Déchets Spéciaux", AN, 0.008, -0.003, "38.22Z", 35)
co("cfa", "CFA de l'industrie de Charente", AN, -0.001, -0.004, "85.59A", 30)
co("envie", "Envie Charente (DEEE, insertion)", AN, 0.005, 0.009, "38.32Z", 40, ess=True)

# ------------------------------------------------------------ heat
w.sub("chaleur des alambics",
      O("distillerie", "eau chaude des refrigerants d'alambics 60-70°C pdt la distille (nov -> mars)", category="energie", months=[11, 12, 1, 2, 3]),
      N("serres", "chauffage serres l'hiver, de l'eau a 50° ca nous suffit", category="energie", months=[11, 12, 1, 2, 3]))
w.sub("chaleur fatale du four verrier",
      O("verrerie", "chaleur fatale du four verrier (fumees 450°C) dispo 24h/24", category="energie"),
      N("reseau", "on cherche des sources de chaleur > 90°C pr alimenter le reseau (extension ZI)", category="energie"))
w.single(N("hotel", "eau chaude sanitaire + chauffage de l'hotel, toute l'annee", category="energie"))

# ------------------------------------------------------------ wine and spirits co-products
w.sub("vinasses et lies -> méthanisation",
      O("distillerie", "vinasses de distillation ~8000 m3/saison, a evacuer", quantity=8000, unit="m3", waste_code="02 07 02"),
      O("coop_distil", "vinasses + lies ds la cuverie, enlevement rapide svp (nov-mars)", months=[11, 12, 1, 2, 3]),
      N("methanisation", "Biogaz des Borderies : on prend effluents vinicoles, vinasses, lies, marcs, biodechets d'IAA et fumiers"))
w.sub("marcs -> distillation",
      O("viticulteur", "marcs de raisin + rafles apres vendanges (sept-oct), 120 t", months=[9, 10], quantity=120, unit="t"),
      N("coop_distil", "on reprend les marcs de raisin pour distillation (eau-de-vie de marc)"))
w.pair("marcs de raisin + rafles", "Biogaz des Borderies", "marcs -> méthanisation", "weak")
w.sub("sarments -> four à bois",
      O("viticulteur", "sarments de vigne en fagots, apres la taille (janv-mars)", months=[1, 2, 3]),
      N("boulangerie", "bois sec pour le four a pain (sarments ok), 2 stères/mois", quantity=2, unit="stères", frequency="mois"))
w.single(O("maison", "cuves IBC 1000L ayant contenu du caramel / sucre, rincees"))
w.sub("fûts réformés",
      O("maison", "futs de chene reformes (barriques 350L), 200/an", quantity=200, unit="pièces", frequency="an"),
      N("ressourcerie", "nous reprenons mobilier, vaisselle, textiles, outillage, tonneaux & objets deco pour la boutique et l'upcycling"))
w.single(N("hotel", "tonneaux pour la deco de la terrasse (3-4)"))
w.pair("futs de chene reformes", "tonneaux pour la deco", "tonneaux déco", "weak")

# ------------------------------------------------------------ wood
w.sub("copeaux de chêne -> litière",
      O("tonnellerie", "copeaux et sciure de chene NON traite, 15t/mois", quantity=15, unit="t", frequency="mois", waste_code="03 01 05"),
      N("elevage", "litiere pour la stabulation : sciure ou copeaux, paille trop chere cette annee"))
w.sub("chutes de merrains",
      O("tonnellerie", "chutes de merrains chene (petites sections, secs)"),
      N("menuiserie", "chene massif petites sections pr agencement / tasseaux"), strength="weak")
w.single(O("menuiserie", "chutes de panneaux MDF et agglo melamines, benne de 10m3/sem"))
w.pair("chutes de merrains chene", "nous reprenons mobilier, vaisselle", "chutes bois upcycling", "weak")

# ------------------------------------------------------------ compost and soils
w.sub("vers la plateforme de compostage",
      O("papeterie", "boues papetieres (fibres courtes, desencrage), 20 t/sem avec analyses", quantity=20, unit="t", frequency="sem", waste_code="03 03 05"),
      O("cuisine", "biodechets de la cuisine centrale (epluchures, restes repas) 2 t/sem", quantity=2, unit="t", frequency="sem", waste_code="20 01 08"),
      T("compost", "Compost'Charente : on recupere dechets verts, biodechets, sciures, boues papetieres (sous reserve d'analyses)"))
w.pair("biodechets de la cuisine centrale", "Biogaz des Borderies", "biodéchets -> méthanisation", "strong")
w.pair("copeaux et sciure de chene", "Compost'Charente", "sciure -> compost", "weak")
w.sub("compost",
      O("compost", "compost normé NFU 44-051 en vrac, livraison possible", category="matiere"),
      N("viticulteur", "amendement organique pour les vignes (compost), 80 t a l'automne"),
      N("jardins", "compost pour le maraichage bio du chantier"))

# ------------------------------------------------------------ glass
w.sub("calcin extra-blanc",
      O("maison", "bouteilles declassees (defaut etiquetage) + verre casse de la ligne d'embouteillage, extra-blanc"),
      N("verrerie", "calcin externe : on rachete verre creux trié, extra-blanc uniquement, SANS ceramique ni vaisselle"))
w.single(O("hotel", "verre en melange : bouteilles couleurs, vaisselle cassee, pots"))

# ------------------------------------------------------------ paper, printing, inks
w.sub("fibres de récupération",
      O("imprimerie", "gache papier blanc + rognures de massicot, ~10t/mois", quantity=10, unit="t", frequency="mois", waste_code="15 01 01"),
      O("cartonnage", "chutes de carton compact et rives de decoupe, 8 t/mois", quantity=8, unit="t", frequency="mois"),
      N("papeterie", "fibres de recup : rognures blanches, gaches d'impression, cartons (sans plastique) pour notre pate"))
w.single(O("etiquettes", "dorsal siliconé (glassine) des rouleaux d'etiquettes + mandrins"))
w.sub("métaux -> ferrailleur",
      O("imprimerie", "plaques offset alu usagees (rincees), 2 t/mois", quantity=2, unit="t", frequency="mois"),
      O("tonnellerie", "cercles de futs en acier (feuillards) usages"),
      O("mecanique", "copeaux alu aero 2024 + huile de coupe, egouttes"),
      O("verrerie", "moules de verrerie en fonte reformes"),
      T("ferrailleur", "Charente Metaux : achat ferreux / non ferreux, alu, inox, bennes mises a dispo"))
w.sub("déchets dangereux",
      O("imprimerie", "solvants de lavage des blanchets uses, 3 m3/an", waste_code="14 06 03*"),
      O("encres", "encres offset perimees en pots, ~500 kg", waste_code="08 03 12*"),
      O("garage", "huile moteur usagee (vidanges tracteurs) 2m3/an", waste_code="13 02 05*"),
      T("dangereux", "Charente Dechets Speciaux : collecte et traitement dechets dangereux (solvants, encres, huiles, boues), agrée"))
w.single(N("mecanique", "solvant de degraissage pr pieces avant controle"))
w.single(O("encres", "futs metal 200L d'encre vides, non rinces"))

# ------------------------------------------------------------ catering, health
w.sub("huiles alimentaires",
      O("hotel", "huiles de friture usagees, ~50 L/mois", quantity=50, unit="L", frequency="mois", waste_code="20 01 25"),
      O("cuisine", "huile de friture usee de la cuisine centrale, 200L/mois"),
      T("oleo", "Oléo Charente : collecte de vos huiles alimentaires usagées (restos, cantines), gratuit"))
w.sub("blanchisserie hôtelière",
      O("blanchisserie", "blanchisserie : capacité libre pour linge d'hotellerie-restauration (draps, nappes, serviettes), collecte/livraison Cognac-Jarnac-Angouleme", category="service"),
      N("hotel", "nettoyage du linge (draps, serviettes, nappes) en presta"))
w.single(N("clinique", "traitement du linge des patients : norme RABC obligatoire"))
w.sub("mobilier médical",
      O("clinique", "mobilier medical reforme (lits, fauteuils, chevets), 40 pieces", quantity=40, unit="pièces"))
w.pair("mobilier medical reforme", "nous reprenons mobilier, vaisselle", "mobilier", "strong")
w.sub("DEEE",
      O("clinique", "ordinateurs et ecrans reformes x60", quantity=60, unit="pièces"),
      N("envie", "Envie : on recupere DEEE, PC, ecrans, electromenager pour reemploi"))
w.sub("légumes bio",
      O("jardins", "paniers de legumes bio du chantier, livraison aux entreprises et cantines"),
      N("cuisine", "legumes bio locaux pour la restauration collective (Egalim)"))
w.sub("repas livrés",
      O("cuisine", "repas en liaison froide : capacite libre 300 repas/j, livraison Cognac-Angouleme", category="service"),
      N("tonnellerie", "repas du midi pour 90 salariés (pas de cantine sur place)"))

# ------------------------------------------------------------ water, containers
w.sub("eau de pluie des chais",
      O("maison", "eaux de pluie des toitures de chais, cuve 300 m3", category="eau", quantity=300, unit="m3"),
      N("transport", "eau non potable pr laver les camions et les bennes", category="eau"))
w.single(N("distillerie", "eau pour la reduction des eaux-de-vie (eau demineralisee, qualite alimentaire)", category="eau"),
         N("hotel", "eau d'arrosage pour le jardin de l'hotel", category="eau"))
w.sub("cuves de récupération d'eau",
      N("jardins", "cuves ou futs pour recuperer l'eau de pluie au jardin"))
w.pair("cuves IBC 1000L ayant contenu du caramel", "cuves ou futs pour recuperer", "IBC alimentaires", "strong")

# ------------------------------------------------------------ packaging, equipment
w.sub("palettes",
      O("verrerie", "palettes bois 1000x1200 non consignees, 100/sem", quantity=100, unit="pièces", frequency="sem"),
      N("transport", "palettes bois en bon etat pour nos expeditions"))
w.sub("nacelle le samedi",
      O("transport", "nacelle 16 m dispo le week-end", category="equipement", availability="le week-end"),
      N("verrerie", "nacelle pour nettoyer les verrieres un samedi par mois", availability="le samedi"))
w.sub("fret retour",
      O("transport", "camions retour a vide Angouleme -> Cognac l'apres-midi, places palettes", category="logistique"),
      N("imprimerie", "livraison de palettes d'imprimes Angouleme -> Cognac chez les maisons"))
w.single(N("maison", "expedition palettes Cognac -> Angouleme (gare), le matin"))

# ------------------------------------------------------------ ESS services
w.sub("mise en coffret",
      O("esat", "ESAT : conditionnement, mise en coffret, pose d'etiquettes, kitting", category="service"),
      N("maison", "mise en coffrets de fin d'annee (oct-dec) en sous-traitance", months=[10, 11, 12]),
      N("cartonnage", "montage manuel d'etuis et coffrets en renfort"))
w.mut("espaces verts",
      O("esat", "ESAT : entretien espaces verts, tonte, haies", category="service"),
      N("verrerie", "tonte et entretien des abords du site"),
      N("distillerie", "entretien des espaces verts autour de la distillerie"))

# ------------------------------------------------------------ staff, training, purchasing
w.loan("opérateurs de chai l'hiver",
       O("maison", "operateurs de chai en sous-charge janv-fev, pret de main d'oeuvre possible", category="rh", months=[1, 2]),
       N("viticulteur", "taille de la vigne : 4 tailleurs dec-fev", category="rh", months=[12, 1, 2]),
       N("hotel", "extras en salle juillet-aout", category="rh", months=[7, 8]))
w.loan("saisonniers après vendanges",
       O("viticulteur", "saisonniers des vendanges dispo apres le 15 oct, en novembre", category="rh", months=[11]),
       N("coop_distil", "aide-distillateur nov-mars, travail de nuit", category="rh", months=[11, 12, 1, 2, 3]))
w.mut("CACES chariots",
      O("cfa", "CFA : CACES R489 (chariots) et R486 (nacelles), SST, sessions chaque mois", category="formation"),
      N("cartonnage", "CACES R489 cat 1B et 3 pour 5 caristes"),
      N("maison", "recyclage R489 cat 3, 8 pers"))
w.single(N("menuiserie", "CACES R482 engins de chantier cat A (mini-pelle)", category="formation"))
w.mut("gardiennage ZI Mas de la Cour",
      N("verrerie", "gardiennage de nuit ZI Mas de la Cour", category="service"),
      N("cartonnage", "rondes de nuit + WE, a partager avec les voisins"))
w.single(N("papeterie", "surveillance du site la nuit", category="service"))
w.mut("achat d'énergie",
      N("verrerie", "achat groupe gaz naturel et electricite (electro-intensif)", category="achat"),
      N("papeterie", "groupement d'achat electricite + gaz pour 2027"))

# ------------------------------------------------------------ look-alikes a facilitator rejects
neg = w.neg
neg("eau chaude des refrigerants", "on cherche des sources de chaleur > 90", "eau à 60–70 °C, le réseau exige plus de 90 °C")
neg("eau chaude des refrigerants", "eau chaude sanitaire + chauffage", "chaleur basse température de Cognac à Jarnac : 12 km")
neg("chutes de panneaux MDF", "bois sec pour le four a pain", "panneaux collés et mélaminés : interdits au four à pain")
neg("chutes de panneaux MDF", "litiere pour la stabulation", "MDF et aggloméré mélaminé : pas de litière")
neg("verre en melange", "calcin externe", "verre en mélange avec vaisselle : la verrerie veut de l'extra-blanc sans céramique")
neg("dorsal siliconé", "fibres de recup", "support siliconé refusé par la papeterie")
neg("solvants de lavage des blanchets", "solvant de degraissage", "solvant usé (dangereux) vers un besoin de solvant neuf")
neg("futs metal 200L d'encre", "cuves ou futs pour recuperer", "fûts d'encre non rincés : dangereux, pas pour l'eau du jardin")
neg("huile moteur usagee", "Oléo Charente", "huile minérale (dangereuse) vers un collecteur d'huiles alimentaires")
neg("blanchisserie : capacité libre", "traitement du linge des patients", "blanchisserie hôtelière, la clinique exige la norme RABC")
neg("eaux de pluie des toitures", "eau pour la reduction des eaux-de-vie", "eau de pluie, besoin d'eau déminéralisée de qualité alimentaire")
neg("eaux de pluie des toitures", "eau d'arrosage pour le jardin", "eau de pluie de Cognac vers Jarnac : 12 km pour de l'eau")
neg("camions retour a vide", "expedition palettes Cognac", "retour Angoulême -> Cognac, besoin Cognac -> Angoulême : sens inverse")
neg("operateurs de chai en sous-charge", "extras en salle juillet-aout", "personnel libre en janvier-février, besoin en juillet-août")
neg("CFA : CACES R489", "CACES R482 engins", "R489 et R486 enseignés, besoin de R482 (engins de chantier)")
neg("CACES R489 cat 1B", "CACES R482 engins", "R489 (chariots) et R482 (engins) : deux formations")
neg("gardiennage de nuit ZI Mas", "surveillance du site la nuit", "Cognac et Angoulême : 40 km, pas de rondes communes")
neg("vinasses de distillation", "on reprend les marcs de raisin", "vinasses (liquides) vers une distillerie de marcs")
neg("gache papier blanc", "boues papetieres", "deux producteurs de fibres : aucun ne reprend")
neg("repas en liaison froide", "extras en salle", "des repas ne sont pas du personnel de salle")

w.write(HERE)
