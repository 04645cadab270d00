#!/usr/bin/env python3
"""Workshop « Vallée de la Fensch – Nord mosellan » (fictional): metal, plastics and
composites, logistics and cold chain (Hayange–Florange, Thionville, Ennery, Metz). Writes
companies.json, cards.json, expected.jsonl, negatives.jsonl next to this file.
Run: python3 tests/eval/sets/vallee-metal-froid/make_set.py
"""
import os, sys
HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.dirname(os.path.dirname(HERE)))
from evalset import Workshop, O, N, T  # noqa: E402

w = Workshop("fe")
H = ("ZI de la Fensch, Hayange–Florange", 49.3290, 6.0600)
TH = ("Thionville – ZAC de Metzange", 49.3700, 6.1400)      # ~7 km from H
E = ("Ennery – parc Eurotransit", 49.2250, 6.2200)          # ~17 km from H and TH
MZ = ("Metz – Actipôle de Borny", 49.1100, 6.2300)          # ~27 km from H
co = w.co
co("acierie", "Aciérie électrique de la Fensch", H, 0.002, 0.004, "24.10Z", 420)
co("laminoir", "Lamin'Est, laminage à froid", H, -0.003, 0.006, "24.31Z", 260)
co("galva", "Galvanisation Lorraine", H, 0.005, -0.003, "25.61Z", 45)
co("decoupe", "Découpe Laser Moselle", TH, 0.002, 0.003, "25.62B", 38)
co("fonderie", "Fonderie d'aluminium de Florange", H, -0.005, -0.004, "24.53Z", 130)
co("chaudronnerie", "Chaudronnerie Inox de l'Est", TH, -0.003, 0.001, "25.29Z", 55)
co("usinage", "Usinage de précision Thionvillois", TH, 0.004, -0.004, "25.62B", 42)
co("surface", "Traitement de Surface Moselle", E, 0.003, 0.005, "25.61Z", 60)
co("forge", "Forges de Hayange", H, 0.001, -0.008, "25.50A", 150)
co("ferrailleur", "Métaux Recyclage Fensch", H, 0.008, 0.002, "38.32Z", 25)
co("injection", "Injection Plastique Lorraine", TH, -0.005, 0.006, "22.29A", 85)
co("extrusion", "Extrusion Tubes PE de l'Est", E, -0.004, -0.002, "22.21Z", 50)
co("composites", "Composites Moselle", E, 0.006, -0.005, "22.29A", 34)
co("thermoformage", "Thermoformage Messin", MZ, 0.003, 0.002, "22.22Z", 70)
co("regenplast", "RegenPlast Lorraine", E, -0.006, 0.004, "38.32Z", 22)
co("cimenterie", "Ciments de Lorraine", MZ, -0.008, -0.010, "23.51Z", 140)
co("entrepot", "Eurotransit Logistique", E, 0.001, 0.001, "52.10B", 180)
co("froid", "Frigolor, entrepôt frigorifique", E, 0.004, -0.001, "52.10A", 65)
co("transport", "Transports Klein", E, -0.002, 0.007, "49.41A", 120)
co("frigo_route", "Froid Express Lorraine", MZ, 0.005, -0.004, "49.41B", 75)
co("messagerie", "Messagerie Est Colis", MZ, -0.002, 0.006, "52.29A", 95)
co("plateforme", "Plateforme alimentaire de Moselle (GMS)", E, 0.007, 0.006, "46.39B", 230)
co("salaisons", "Salaisons de Lorraine", MZ, 0.006, 0.007, "10.13A", 58)
co("fromagerie", "Fromagerie de la Nied", MZ, -0.006, 0.002, "10.51C", 40)
co("surgeles", "Surgelés de l'Est", E, -0.005, -0.006, "10.85Z", 110)
co("brasserie", "Brasserie de Florange", H, 0.004, 0.009, "11.05Z", 12)
co("emballage_bois", "Emballages Bois de Moselle", TH, 0.006, 0.005, "16.24Z", 30)
co("cartonnerie", "Cartonnages de l'Est", TH, -0.006, -0.005, "17.21A", 90)
co("garage", "Garage Poids Lourds Thionville", TH, 0.001, 0.009, "45.20B", 18)
co("labo", "Laboratoire de contrôle métallurgique", H, -0.001, 0.001, "71.20B", 16)
co("formation", "AFPI Lorraine, formation industrie", MZ, 0.001, -0.001, "85.59A", 40)
co("nettoyage", "Nettoyage Industriel Fensch", H, -0.007, 0.002, "81.22Z", 70)
co("dangereux", "Est Traitement Déchets Spéciaux", E, 0.009, -0.003, "38.22Z", 55)
co("maraicher", "Serres maraîchères de Manom", TH, 0.010, -0.012, "01.13Z", 14)
co("piscine", "Centre aquatique de Hayange", H, 0.006, -0.006, "93.11Z", 20)
co("reseau", "Réseau de chaleur de Thionville", TH, -0.002, -0.008, "35.30Z", 9)
co("esat", "ESAT de la Fensch", H, -0.006, 0.010, "88.10C", 90, ess=True)
co("ea", "Lorraine Services, entreprise adaptée", TH, 0.003, -0.009, "82.92Z", 70, ess=True)
co("envie", "Envie Lorraine (DEEE, insertion)", MZ, 0.004, 0.009, "38.32Z", 45, ess=True)
co("ressourcerie", "Ressourcerie du Val de Fensch", H, 0.009, -0.007, "47.79Z", 9, ess=True)
co("geiq", "GEIQ Industrie Moselle", MZ, -0.004, -0.006, "78.30Z", 7, ess=True)
co("epicerie", "Épicerie sociale de Thionville", TH, 0.007, 0.001, "88.99B", 4, ess=True)

# ------------------------------------------------------------ heat
w.sub("chaleur fatale haute température",
      O("acierie", "chaleur fatale des fours (fumees 250°C), recuperable en eau chaude 90°C", category="energie"),
      N("reseau", "reseau de chaleur : on cherche des sources > 85°C pour l'extension vers Florange", category="energie"),
      N("piscine", "chauffage des bassins du centre aquatique de Hayange", category="energie"))
w.sub("raccordement au réseau",
      O("reseau", "réseau de chaleur : raccordement possible ZAC Metzange, eau 90°C", category="energie"),
      N("maraicher", "chauffage des serres, eau à 40°C suffit, ZAC Metzange", category="energie"))
w.sub("préchauffage",
      O("laminoir", "eau de refroidissement des laminoirs a 30°C, 200 m3/h", category="energie", quantity=200, unit="m3", frequency="heure"),
      N("piscine", "préchauffage de l'eau des bassins"), strength="weak")
w.sub("chaleur des condenseurs",
      O("froid", "chaleur des condenseurs des groupes froid, eau a 35°C, Ennery", category="energie"),
      N("entrepot", "chauffage des bureaux et des quais, Ennery"), strength="weak")

# ------------------------------------------------------------ cold chain
w.sub("froid négatif",
      O("froid", "cellules froid negatif -25°C : 300 places palettes libres janv-mars", category="espace", months=[1, 2, 3], quantity=300, unit="palettes"),
      N("surgeles", "débord de stockage -18°C après les fêtes, janvier-février", months=[1, 2]))
w.single(N("salaisons", "stockage +2°C pour jambons en fin d'année", months=[11, 12]))
w.sub("quai frais",
      O("plateforme", "quai froid positif 0/+4°C libre la nuit", category="espace"),
      N("salaisons", "quai frais 0/+4 pour éclatement nocturne des commandes"))
w.single(N("fromagerie", "cave d'affinage 12°C, hygrométrie 95 %"))
w.sub("fret retour frigorifique",
      O("frigo_route", "semi frigo bi-température, retour a vide Metz -> Thionville le soir", category="logistique"),
      N("fromagerie", "livraison de frais Metz -> Thionville 3x/sem, fin de journée"))
w.single(N("surgeles", "transport de surgelés Ennery -> Metz le matin"),
         N("brasserie", "livraison de fûts Hayange -> Metz"))
w.mut("groupage vers le Luxembourg",
      N("fromagerie", "groupage frais vers le Luxembourg, 4 palettes/sem"),
      N("salaisons", "envoi palettes frais vers le Luxembourg, mutualiser ?"))
w.mut("groupes froid",
      N("frigo_route", "controle ATP et maintenance des groupes froid des semis", category="service"),
      N("transport", "entretien groupes froid Carrier de nos porteurs"))

# ------------------------------------------------------------ metals
w.sub("ferrailles vers l'aciérie",
      O("decoupe", "squelettes de tôles acier apres decoupe laser, 20 t/mois", quantity=20, unit="t", frequency="mois", waste_code="12 01 01"),
      O("forge", "calamine de forge (oxydes de fer), 5 t/mois", quantity=5, unit="t", frequency="mois"),
      N("acierie", "nous reprenons chutes neuves de tôle, ferrailles, calamine et battitures pour le four"))
w.single(O("laminoir", "battitures de laminage (calamine huileuse), 30 t/mois"))
w.pair("battitures de laminage", "nous reprenons chutes neuves", "battitures huileuses", "weak")
w.sub("ferrailleur",
      O("chaudronnerie", "chutes inox 304L et 316L triées, 3 t/mois", quantity=3, unit="t", frequency="mois"),
      O("usinage", "copeaux acier + huile de coupe, egouttes"),
      O("usinage", "chutes et copeaux alu 7075 propres, 500 kg/mois", quantity=500, unit="kg", frequency="mois"),
      T("ferrailleur", "Métaux Recyclage Fensch : achat ferraille, inox, alu, cuivre, bennes sur site"))
w.pair("squelettes de tôles acier", "Métaux Recyclage Fensch", "ferraille", "strong")
w.single(O("galva", "mattes et cendres de zinc, 2 t/mois"))
w.pair("mattes et cendres de zinc", "Métaux Recyclage Fensch", "zinc", "weak")
w.single(N("fonderie", "chutes alu serie 6000 uniquement (pas de 7075, rien de peint)"))
w.sub("alu 6000 vers la fonderie", O("decoupe", "chutes de profilés alu 6060 non peints, 1 t/mois"))
w.pair("chutes de profilés alu 6060", "chutes alu serie 6000 uniquement", "alu 6060", "strong")
w.pair("chutes de profilés alu 6060", "Métaux Recyclage Fensch", "alu", "strong")

# ------------------------------------------------------------ hazardous
w.sub("déchets dangereux industriels",
      O("fonderie", "crasses d'aluminium salines", waste_code="10 03 08*"),
      O("galva", "acides de decapage uses (HCl + fer), 40 m3/an", waste_code="11 01 05*"),
      O("usinage", "huiles de coupe solubles usees, 8 m3/an", waste_code="12 01 09*"),
      O("surface", "boues d'hydroxydes métalliques (station interne)", waste_code="11 01 09*"),
      O("garage", "batteries PL usagées + filtres à huile", waste_code="16 06 01*"),
      T("dangereux", "Est Traitement : collecte et traitement des dechets dangereux industriels (huiles, acides, boues, batteries), agree", category="dechet"))
w.single(N("surface", "acide chlorhydrique pour le décapage avant anodisation"))

# ------------------------------------------------------------ plastics and composites
w.sub("plastiques triés -> régénération",
      O("injection", "carottes et rebuts PP / PA6 GF30 broyes, tries par matiere, 3t/mois", quantity=3, unit="t", frequency="mois"),
      O("extrusion", "chutes de tubes PE100 et purges d'extrusion"),
      O("entrepot", "film etirable PE usage, 2 t/mois en balles", quantity=2, unit="t", frequency="mois", waste_code="15 01 02"),
      N("regenplast", "RegenPlast : on reprend PP, PE (films, tubes), PA tries pour regeneration - PAS de PVC ni de thermodurs"))
w.sub("co-traitement en cimenterie",
      O("composites", "chutes de préimprégnés et pièces fibre de verre / polyester rebutées"),
      O("fonderie", "sables de fonderie usagés (moulage au sable à vert), 300 t/an", quantity=300, unit="t", frequency="an"),
      O("acierie", "laitier d'acierie (scories), 5000 t/an", quantity=5000, unit="t", frequency="an"),
      N("cimenterie", "matieres de substitution : sables, laitiers, composites, CSR"))
w.sub("laitier -> remblai",
      N("entrepot", "remblai / grave pour agrandir la cour camions"))
w.pair("laitier d'acierie", "remblai / grave pour agrandir", "laitier -> remblai (après essais)", "weak")
w.sub("bâches PVC -> upcycling",
      O("garage", "baches PVC de camions dechirees"),
      N("ressourcerie", "bâches et toiles pour l'atelier upcycling (sacs)"))
w.sub("rPET contact alimentaire",
      O("regenplast", "paillettes rPET decontaminees, procede EFSA contact alimentaire"),
      N("thermoformage", "rPET apte au contact alimentaire pour nos barquettes, 20 t/mois", quantity=20, unit="t", frequency="mois"))
w.single(O("plateforme", "bouteilles PET et films en mélange des magasins, en balles"))
w.sub("cartons",
      O("plateforme", "cartons des magasins compactés en balles, 40 t/mois", quantity=40, unit="t", frequency="mois", waste_code="15 01 01"),
      N("cartonnerie", "cartons et papiers en balles pour notre pâte recyclée"))

# ------------------------------------------------------------ packaging, containers
w.sub("palettes bois",
      O("entrepot", "palettes bois cassées 80x120, 300/mois", quantity=300, unit="pièces", frequency="mois"),
      N("emballage_bois", "on rachète et répare les palettes bois, toutes dimensions"),
      N("esat", "palettes pour notre atelier de reconditionnement"))
w.single(O("plateforme", "palettes plastique alimentaires cassées"))
w.sub("caisses bois",
      O("usinage", "caisses bois d'expedition des bruts de forge, reutilisables"),
      N("emballage_bois", "caisses et bois d'emballage de récupération"), strength="weak")
w.sub("caisses NIMP 15",
      O("emballage_bois", "caisses bois sur mesure, traitement NIMP 15 (HT) certifié"),
      N("chaudronnerie", "caisses bois traitées NIMP15 pour l'export hors UE"))
w.sub("cuves IBC",
      O("brasserie", "IBC 1000 L alimentaires rinces (sirop de malt)"),
      N("maraicher", "cuves 1000 L pour recuperer l'eau de pluie des serres"))
w.single(O("surface", "GRV 1000L ayant contenu de l'acide sulfurique, non rinces"))

# ------------------------------------------------------------ water
w.sub("eau pluviale",
      O("entrepot", "eau de pluie : bassin de retention 800 m3, Ennery", category="eau", quantity=800, unit="m3"),
      N("transport", "eau non potable pour laver les camions (Ennery)", category="eau"))
w.single(N("plateforme", "eau pour le lavage des bacs alimentaires (contact denrées)", category="eau"),
         N("maraicher", "eau d'irrigation pour les serres", category="eau"))
w.sub("eaux de rinçage",
      O("brasserie", "eaux de rincage des cuves (non potable), 20 m3/sem", category="eau"),
      N("nettoyage", "eau pour hydrocurage, zone de la Fensch"), strength="weak")

# ------------------------------------------------------------ food donations
w.sub("dons alimentaires",
      O("plateforme", "produits secs a DLUO depassee + frais a DLC J-2"),
      N("epicerie", "dons alimentaires secs et frais, pas de surgelés (pas de congélateur)"))
w.single(O("surgeles", "surgelés déclassés (emballage abîmé), -18°C"))

# ------------------------------------------------------------ equipment, DEEE, furniture
w.sub("chariot le week-end",
      O("entrepot", "chariots frontaux électriques dispo le week-end", category="equipement", availability="le week-end"),
      N("ressourcerie", "chariot élévateur pour le déchargement le samedi", availability="le samedi"))
w.sub("pont roulant",
      O("forge", "pont roulant 20 t inutilisé la nuit", category="equipement"),
      N("chaudronnerie", "levage de viroles 15 t, ponctuel"), strength="weak")
w.sub("essais mécaniques",
      O("labo", "machine de traction + durometre, creneaux libres", category="service"),
      N("usinage", "essais de dureté et traction sur lots, en sous-traitance"))
w.sub("DEEE",
      O("labo", "ordinateurs et écrans de bureau réformés, 25", quantity=25, unit="pièces"),
      O("messagerie", "terminaux scanners et imprimantes d'etiquettes HS"),
      N("envie", "Envie Lorraine : on récupère DEEE, PC et électroménager pour réparation / réemploi"))
w.sub("mobilier",
      O("labo", "mobilier de bureau et armoires métalliques"),
      N("ressourcerie", "mobilier, outillage et objets pour la boutique"))

# ------------------------------------------------------------ shared services, purchasing, training
w.mut("gardiennage ZI Fensch",
      N("galva", "gardiennage du site la nuit, ZI Fensch", category="service"),
      N("forge", "rondes de nuit et le WE"),
      N("fonderie", "surveillance du site, partager un maitre-chien ?"))
w.single(N("entrepot", "gardiennage du parc de remorques, Ennery"))
w.mut("repas des postés",
      N("laminoir", "restauration 3x8 : repas de nuit pour les postés", category="service"),
      N("acierie", "repas chauds pour les equipes de nuit"))
w.mut("nettoyage industriel",
      O("nettoyage", "nettoyage industriel : hydrocurage, aspiration, curage de fosses", category="service"),
      N("laminoir", "nettoyage des fosses a calamine"),
      N("galva", "curage des bacs de rinçage"))
w.mut("maintenance partagée",
      N("forge", "electromecanicien de maintenance a temps partage", category="rh"),
      N("galva", "technicien de maintenance 2j/sem partagé"))
w.single(N("usinage", "regleur / programmeur CN a temps partage", category="rh"))
w.mut("CACES chariots",
      O("formation", "AFPI : CACES R489 et R484, habilitations électriques NF C18-510, sessions mensuelles", category="formation"),
      N("plateforme", "CACES R489 cat 1A et 3 pour 10 preparateurs"),
      N("transport", "R489 cat 3 pour nos chauffeurs-livreurs"))
w.mut("CACES pont roulant",
      N("fonderie", "CACES R484 pont roulant, 4 pontiers"),
      N("forge", "pontier / élingueur : R484 pour 6 personnes"))
w.pair("AFPI : CACES R489 et R484", "CACES R484 pont roulant", "CACES R484", "strong")
w.pair("AFPI : CACES R489 et R484", "pontier / élingueur", "CACES R484", "strong")
w.mut("habilitation électrique HTA",
      N("laminoir", "habilitation electrique BR/BC HTA (NF C18-510)", category="formation"),
      N("acierie", "habilitations HTA / H1V pour les electriciens de maintenance"))
w.pair("AFPI : CACES R489 et R484", "habilitation electrique BR/BC", "habilitation", "strong")
w.pair("AFPI : CACES R489 et R484", "habilitations HTA / H1V", "habilitation", "strong")
w.single(N("garage", "habilitation B2VL véhicules électriques (NF C18-550)"))
w.mut("gaz industriels",
      N("decoupe", "azote et oxygene pour le laser en achat groupe", category="achat"),
      N("chaudronnerie", "argon / gaz de soudage en commande groupée"))
w.mut("électricité",
      N("fonderie", "achat groupe electricite industrielle (electro-intensif)", category="achat"),
      N("galva", "contrat gaz et electricite : achat groupe"),
      N("injection", "achat d'electricite groupe pour 2027"))

# ------------------------------------------------------------ staff and ESS
w.loan("soudeurs",
       O("chaudronnerie", "soudeurs TIG qualifiés EN ISO 9606-1 dispo (baisse de charge) mars-avril", category="rh", months=[3, 4]),
       N("decoupe", "soudeur en renfort mars-mai", category="rh", months=[3, 4, 5]))
w.single(N("forge", "soudeur rechargement pour l'arrêt technique de juillet", category="rh", months=[7]))
w.loan("caristes",
       O("entrepot", "caristes CACES R489 en sous-charge le lundi, pret possible", category="rh"),
       N("messagerie", "caristes R489 cat 3 en renfort le lundi (pic de colis)", category="rh"))
w.pair("caristes CACES R489 en sous-charge", "caristes R489 cat 3 en renfort", "caristes le lundi", "strong", kind="mutualisation")
w.sub("sous-traitance EA",
      O("ea", "EA : sous-traitance ebavurage, assemblage, controle visuel de pieces", category="service"),
      N("injection", "ebavurage et controle a 100% de pieces injectees, en sous-traitance"),
      N("usinage", "ébavurage manuel de pièces alu"))
w.sub("kitting ESAT",
      O("esat", "ESAT : conditionnement, kitting, mise en sachet", category="service"),
      N("messagerie", "kitting / reconditionnement des colis retour"))
w.sub("GEIQ",
      O("geiq", "GEIQ Industrie : operateurs et soudeurs en alternance mis a disposition", category="rh"),
      N("chaudronnerie", "apprentis chaudronniers / soudeurs à former"))

w.mut("SST",
      N("decoupe", "formation SST pour 6 salaries", category="formation"),
      N("usinage", "recyclage sst (MAC SST) 4 pers"),
      N("injection", "sauveteurs secouristes du travail a former, 8"))
w.mut("EPI de fonderie",
      N("forge", "EPI aluminisés et gants anti-chaleur en achat groupé", category="achat"),
      N("fonderie", "tenues aluminisées, gants de fondeur : commande groupée"),
      N("acierie", "vestes aluminisees + ecrans faciaux, groupement d'achat"))
w.loan("opérateurs en sous-activité",
       O("surgeles", "opérateurs de production en sous-activité mai-juin, prêt de personnel", category="rh", months=[5, 6]),
       N("brasserie", "renfort a l'embouteillage mai-aout", category="rh", months=[5, 6, 7, 8]),
       N("plateforme", "préparateurs de commandes en renfort en décembre", category="rh", months=[12]))
w.sub("messagerie",
      O("messagerie", "tournées de messagerie quotidiennes Metz - Thionville - Hayange, places dispo", category="logistique"),
      N("labo", "envoi quotidien d'échantillons de Hayange vers Metz"))
w.pair("tournées de messagerie quotidiennes", "livraison de fûts Hayange -> Metz", "messagerie", "weak")
w.mut("espaces verts",
      O("esat", "ESAT : entretien des espaces verts, tonte, haies", category="service"),
      N("entrepot", "tonte et entretien des abords du site"),
      N("plateforme", "espaces verts : 2 ha autour de la plateforme"))

# ------------------------------------------------------------ look-alikes a facilitator rejects
neg = w.neg
neg("eau de refroidissement des laminoirs", "reseau de chaleur : on cherche", "eau à 30 °C, le réseau exige plus de 85 °C")
neg("chaleur des condenseurs", "chauffage des serres, eau à 40°C", "chaleur à 35 °C d'Ennery vers Manom : 18 km")
neg("cellules froid negatif -25°C", "stockage +2°C pour jambons", "froid négatif et fin d'année, besoin à +2 °C en novembre-décembre")
neg("quai froid positif 0/+4°C", "cave d'affinage 12°C", "quai à 0/+4 °C, affinage à 12 °C et 95 % d'humidité")
neg("semi frigo bi-température", "transport de surgelés Ennery -> Metz", "retours Metz -> Thionville le soir, besoin Ennery -> Metz le matin")
neg("semi frigo bi-température", "livraison de fûts Hayange -> Metz", "trajet en sens inverse")
neg("chutes inox 304L", "nous reprenons chutes neuves", "inox (nickel, chrome) dans un four d'acier au carbone : coulée polluée")
neg("chutes et copeaux alu 7075", "chutes alu serie 6000 uniquement", "alliage 7075 alors que la fonderie n'accepte que la série 6000")
neg("crasses d'aluminium salines", "Métaux Recyclage Fensch", "crasses salines (dangereuses) vers un ferrailleur non agréé")
neg("acides de decapage uses", "acide chlorhydrique pour le décapage", "acide usé (dangereux) vers un besoin d'acide neuf")
neg("batteries PL usagées", "Envie Lorraine : on récupère DEEE", "batteries plomb : filière dédiée, pas des DEEE")
neg("chutes de préimprégnés", "RegenPlast : on reprend PP", "composites thermodurs exclus par le régénérateur")
neg("baches PVC de camions", "RegenPlast : on reprend PP", "PVC exclu par le régénérateur")
neg("bouteilles PET et films en mélange", "rPET apte au contact alimentaire", "PET en mélange non décontaminé : pas de contact alimentaire")
neg("palettes plastique alimentaires", "on rachète et répare les palettes bois", "palettes plastique vers un réparateur de palettes bois")
neg("caisses bois d'expedition des bruts", "caisses bois traitées NIMP15", "caisses sans marquage NIMP 15 : interdites à l'export hors UE")
neg("GRV 1000L ayant contenu", "cuves 1000 L pour recuperer", "GRV souillés d'acide sulfurique, non rincés : dangereux")
neg("eau de pluie : bassin de retention", "eau pour le lavage des bacs", "eau de pluie au contact des denrées : l'eau potable est exigée")
neg("eau de pluie : bassin de retention", "eau d'irrigation pour les serres", "bassin d'Ennery, serres de Manom : 18 km pour de l'eau")
neg("surgelés déclassés", "dons alimentaires secs et frais", "l'épicerie refuse les surgelés (pas de congélateur)")
neg("gardiennage du parc de remorques", "rondes de nuit et le WE", "Ennery et Hayange : 17 km, pas de rondes communes")
neg("gardiennage du parc de remorques", "gardiennage du site la nuit", "Ennery et la ZI Fensch : 17 km")
neg("electromecanicien de maintenance", "regleur / programmeur CN", "régleur CN n'est pas électromécanicien de maintenance")
neg("CACES R489 cat 1A et 3", "CACES R484 pont roulant", "R489 (chariots) et R484 (ponts roulants) : deux formations")
neg("caristes CACES R489 en sous-charge", "pontier / élingueur", "caristes R489, besoin de pontiers R484")
neg("habilitation electrique BR/BC", "habilitation B2VL véhicules", "NF C18-510 (installations) et NF C18-550 (véhicules) : pas la même habilitation")
neg("AFPI : CACES R489 et R484", "habilitation B2VL véhicules", "l'AFPI forme à la C18-510, le garage demande la C18-550")
neg("soudeurs TIG qualifiés", "soudeur rechargement pour l'arrêt", "soudeurs libres en mars-avril, besoin en juillet")
neg("opérateurs de production en sous-activité", "préparateurs de commandes en renfort", "personnel libre en mai-juin, besoin en décembre")
neg("chariots frontaux électriques dispo", "levage de viroles 15 t", "un chariot frontal ne lève pas 15 t")
neg("squelettes de tôles acier", "chutes de profilés alu 6060", "deux producteurs de chutes : aucun ne les reprend")

w.write(HERE)
