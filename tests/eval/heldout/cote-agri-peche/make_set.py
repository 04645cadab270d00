#!/usr/bin/env python3
"""Held-out workshop « Côte d'Opale – Boulonnais » (fictional): farming, agri-food
co-products, fishing and port (Boulogne-sur-Mer, Saint-Léonard, Marquise, Desvres, Saint-Omer).
Never used to tune the engine (see README.md). Writes companies.json, cards.json,
expected.jsonl, negatives.jsonl next to this file.
Run: python3 tests/eval/heldout/cote-agri-peche/make_set.py
"""
import os, sys
HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.dirname(os.path.dirname(HERE)))
from evalset import Workshop, O, N, T  # noqa: E402

w = Workshop("op")
CA = ("Capécure, port de Boulogne-sur-Mer", 50.7220, 1.5960)
SL = ("ZI de Saint-Léonard", 50.6900, 1.6200)              # ~4 km from CA
MQ = ("Marquise – ZA des Carrières", 50.8130, 1.7050)      # ~13 km from CA
DV = ("Desvres – Samer, campagne du Boulonnais", 50.6350, 1.7450)  # ~14 km from CA
SO = ("Arques – Saint-Omer", 50.7350, 2.2900)              # ~49 km from CA
co = w.co
co("mareyeur", "Marée de la Liane", CA, 0.001, 0.002, "46.38A", 40)
co("conserverie", "Conserverie Capécure", CA, -0.002, 0.003, "10.20Z", 120)
co("saurisserie", "Saurisserie du Portel", CA, -0.004, -0.002, "10.20Z", 25)
co("fileteur", "Filets Opale Surgelés", CA, 0.003, -0.001, "10.20Z", 180)
co("armement", "Armement Boulonnais", CA, 0.000, -0.004, "03.11Z", 90)
co("criee", "Halle à marée de Boulogne", CA, 0.002, -0.003, "52.22Z", 30)
co("chantier_naval", "Chantier naval Opale", CA, -0.003, -0.006, "33.15Z", 35)
co("proteines", "Opale Protéines Marines", SL, 0.002, 0.004, "10.20Z", 45)
co("aquaculture", "Moules et huîtres des Deux Caps (station de purification du port)", CA, 0.008, -0.008, "03.21Z", 8)
co("aquarium", "Centre de la mer du Boulonnais (aquarium)", CA, 0.006, -0.004, "91.04Z", 150)
co("restaurant", "Restaurant Le Chalut", CA, 0.004, 0.001, "56.10A", 14)
co("laiterie", "Laiterie du Boulonnais", DV, 0.002, 0.001, "10.51A", 95)
co("fromagerie", "Fromagerie de la Course", DV, -0.005, 0.006, "10.51C", 22)
co("legumerie", "Légumerie Opale (4e gamme)", SL, -0.003, 0.002, "10.39A", 60)
co("boulangerie", "Boulangerie industrielle du Littoral", SL, 0.004, -0.003, "10.71A", 75)
co("brasserie", "Brasserie artisanale de Desvres", DV, 0.003, -0.004, "11.05Z", 6)
co("sucrerie", "Sucrerie de l'Audomarois", SO, 0.002, 0.003, "10.81Z", 210)
co("endives", "Endiverie des Wateringues", SO, 0.010, 0.020, "01.13Z", 30)
co("pommes_de_terre", "Coopérative Pommes de terre Opale", SO, -0.006, -0.010, "46.31Z", 40)
co("abattoir", "Abattoir du Boulonnais", SL, -0.004, -0.004, "10.11Z", 65)
co("gaec", "GAEC du Mont Pelé", DV, 0.008, -0.010, "01.41Z", 4)
co("porcs", "Élevage porcin de Samer", DV, -0.008, -0.012, "01.46Z", 3)
co("cereales", "EARL des Deux Caps", MQ, 0.006, -0.020, "01.11Z", 2)
co("maraicher", "Maraîchage bio de Wimille", MQ, -0.030, -0.060, "01.13Z", 5)
co("methaniseur", "Méthanisation agricole du Boulonnais", DV, 0.006, 0.008, "35.21Z", 5)
co("cuma", "CUMA de la Haute-Liane", DV, -0.002, -0.006, "01.61Z", 2)
co("carriere", "Carrières du Boulonnais", MQ, 0.003, 0.004, "08.11Z", 140)
co("transport_frigo", "Transports frigorifiques Opale", SL, 0.006, 0.001, "49.41A", 85)
co("entrepot_froid", "Entrepôts frigorifiques du port", CA, 0.005, 0.004, "52.10A", 40)
co("emballages", "Emballages Opale", SL, -0.006, 0.006, "22.22Z", 30)
co("collecte", "Opale Environnement", SL, 0.008, -0.006, "38.11Z", 110)
co("dechets_port", "Récupération portuaire Opale (déchets dangereux)", CA, -0.006, 0.001, "38.22Z", 15)
co("equarrissage", "Équarrissage des Flandres", SO, 0.020, -0.030, "38.22Z", 70)
co("compost", "Plateforme de compostage de Saint-Léonard", SL, 0.009, 0.008, "38.21Z", 6)
co("cuisine", "Cuisine centrale du Boulonnais", SL, 0.001, 0.007, "56.29B", 40)
co("formation", "Lycée maritime de Boulogne, formation continue", CA, -0.001, -0.008, "85.32Z", 60)
co("esat", "ESAT du Boulonnais", SL, -0.008, -0.002, "88.10C", 90, ess=True)
co("cocagne", "Jardins de Cocagne du Boulonnais", MQ, -0.020, -0.040, "01.13Z", 25, ess=True)
co("restos", "Restos du Cœur, antenne de Boulogne", CA, 0.007, 0.006, "88.99B", 3, ess=True)
co("ressourcerie", "Ressourcerie du Boulonnais", SL, 0.007, -0.009, "47.79Z", 12, ess=True)
co("ge_agri", "Groupement d'employeurs agricole Opale", DV, 0.000, 0.012, "78.30Z", 20, ess=True)

# ------------------------------------------------------------ fish co-products
w.sub("coproduits de poisson -> protéines marines",
      O("fileteur", "tetes, aretes et peaux de poisson blanc (cabillaud, lieu), 15 t/j, cat. 3", quantity=15, unit="t", frequency="jour"),
      O("conserverie", "dechets de parage hareng (tetes, visceres) 4t/j en saison", months=[10, 11, 12, 1, 2, 3]),
      O("mareyeur", "invendus de criee + poissons abimes, C3"),
      O("saurisserie", "peaux et aretes de hareng fume"),
      N("proteines", "Opale Protéines : on collecte vos coproduits de poisson frais (C3) pour farines et hydrolysats", category="dechet"))
w.sub("sous-produits animaux C1",
      O("abattoir", "MRS bovines (matieres a risque specifie), categorie 1"),
      N("equarrissage", "collecte des sous-produits animaux C1 et C2, agree", category="dechet"))
w.sub("coquilles -> chaulage",
      O("aquaculture", "coquilles de moules et d'huitres, 30 t/an", quantity=30, unit="t", frequency="an"),
      N("cereales", "amendement calcaire pour chauler nos parcelles, 60 t"), strength="weak")
w.pair(w.card("offer", "carriere", "fines de calcaire / chaux agricole en vrac"), "amendement calcaire pour chauler", "chaux agricole", "strong")

# ------------------------------------------------------------ agri-food co-products -> feed, biogas
w.sub("coproduits laitiers -> porcs",
      O("fromagerie", "lactoserum doux 8000 L/j", quantity=8000, unit="L", frequency="jour"),
      O("laiterie", "babeurre + retours de lait (DLC), 3 t/sem", quantity=3, unit="t", frequency="semaine"),
      N("porcs", "aliment pour les porcs : coproduits vegetaux ou laitiers (soupe), 10 t/sem"))
w.sub("ration des vaches",
      O("brasserie", "dreches humides 1,5 t/sem", quantity=1.5, unit="t", frequency="semaine"),
      O("sucrerie", "pulpes de betterave surpressees, sept-janvier", months=[9, 10, 11, 12, 1]),
      O("endives", "racines d'endives apres forcage, 50 t/mois nov-avril", months=[11, 12, 1, 2, 3, 4], quantity=50, unit="t", frequency="mois"),
      N("gaec", "coproduits pour la ration des vaches (dreches, pulpes, racines)"))
w.sub("méthanisation",
      O("legumerie", "epluchures et dechets de parage de legumes, 2 t/j", quantity=2, unit="t", frequency="jour"),
      O("pommes_de_terre", "ecarts de tri pommes de terre (petits calibres, verdies), 20 t/sem", quantity=20, unit="t", frequency="semaine"),
      O("porcs", "lisier de porcs 3000 m3/an", quantity=3000, unit="m3", frequency="an"),
      O("gaec", "fumier de bovins pailleux, 400 t/an", quantity=400, unit="t", frequency="an"),
      O("abattoir", "graisses du bac à graisse et flottants de la station"),
      N("methaniseur", "Methanisation du Boulonnais : nous reprenons lisiers, fumiers, CIVE, dechets de legumes, pulpes, lactoserum, graisses", category="dechet"))
w.pair("racines d'endives apres forcage", "Methanisation du Boulonnais", "racines d'endives", "strong")
w.pair("lactoserum doux", "Methanisation du Boulonnais", "lactosérum", "weak")
w.pair("pulpes de betterave surpressees", "Methanisation du Boulonnais", "pulpes", "weak")
w.pair("epluchures et dechets de parage", "coproduits pour la ration", "parage de légumes -> bétail", "weak")
w.sub("pain -> porcs",
      O("boulangerie", "pain rassis + invendus de patisserie, 1 t/sem", quantity=1, unit="t", frequency="semaine"))
w.pair("pain rassis", "aliment pour les porcs", "anciennes denrées -> porcs", "strong")
w.sub("digestat",
      O("methaniseur", "digestat liquide, plan d'epandage, dispo mars-avril", months=[3, 4]),
      N("cereales", "fertilisant organique pour les cereales au printemps", months=[3, 4]))
w.single(N("maraicher", "fertilisants utilisables en AB pour le maraichage bio, PAS de digestat"))
w.sub("fumier",
      N("maraicher", "fumier composté ou frais pour nos planches (bio)"),
      N("cocagne", "fumier et compost pour nos parcelles bio"))
w.pair("fumier de bovins pailleux", "fumier composté ou frais", "fumier", "strong")
w.pair("fumier de bovins pailleux", "fumier et compost pour nos", "fumier", "strong")
w.sub("compost",
      O("compost", "compost de dechets verts norme NFU 44-051, utilisable en AB"),
      T("compost", "plateforme : on accepte biodechets et dechets verts des pros, 35 €/t"))
for n in ("fumier composté ou frais", "fumier et compost pour nos"):
    w.pair("compost de dechets verts norme", n, "compost", "strong")
w.pair("fertilisants utilisables en AB", "compost de dechets verts norme", "compost utilisable en AB", "strong")
w.pair("epluchures et dechets de parage", "plateforme : on accepte biodechets", "biodéchets", "strong")
w.sub("paille",
      O("cereales", "paille de ble en bottes, 200 t, aout", months=[8], quantity=200, unit="t"),
      N("gaec", "paille ou litiere pour la stabulation"))
w.single(O("cereales", "anas de lin (coproduit du teillage), vrac"))
w.pair("anas de lin", "paille ou litiere pour la stabulation", "litière", "weak")

# ------------------------------------------------------------ food donations
w.sub("dons alimentaires",
      O("fileteur", "filets de poisson declasses (calibre), surgeles, 200 kg/sem"),
      O("legumerie", "legumes declasses (calibre, aspect), propres a la conso, 500 kg/sem"),
      N("restos", "dons alimentaires frais et surgeles (chambre froide -18 ok)"))
w.pair("pain rassis", "dons alimentaires frais et surgeles", "pain", "weak")

# ------------------------------------------------------------ cold, ice, seawater, heat
w.sub("glace",
      O("criee", "glace en ecailles en surplus le samedi", availability="le samedi"),
      N("mareyeur", "glace écaille pour les expéditions du samedi", availability="le samedi"),
      N("restaurant", "glace pilée pour l'étal de fruits de mer"))
w.sub("froid négatif",
      O("entrepot_froid", "froid negatif -25°C, 500 places palettes, creux d'avril a juin", category="espace", months=[4, 5, 6]),
      N("fileteur", "stockage surgele -20°C pour filets en avril-mai", months=[4, 5]))
w.single(N("fromagerie", "stockage à +4°C pour les fromages frais, printemps", months=[4, 5]))
w.sub("froid positif",
      O("laiterie", "chambre froide positive 0/+4°C libre l'ete", category="espace", months=[6, 7, 8]),
      N("legumerie", "chambre froide +4°C pour légumes en juillet", months=[7]))
w.sub("eau de mer",
      O("aquarium", "eau de mer filtree en exces, 20 m3/h", category="eau"),
      N("aquaculture", "eau de mer propre pour la purification des moules (bassins a terre)", category="eau"), strength="weak")
w.sub("chaleur des sécheurs",
      O("proteines", "chaleur des secheurs de farine : buees a 90°C, Saint-Leonard", category="energie"),
      N("cuisine", "eau chaude pour la plonge (60°C), Saint-Léonard", category="energie"), strength="weak")
w.single(N("maraicher", "chauffage de la serre a plants en fevrier-mars", category="energie", months=[2, 3]),
         O("entrepot_froid", "chaleur des condenseurs, eau a 30°C", category="energie"),
         N("saurisserie", "chaleur 80°C pour le fumage a chaud", category="energie"),
         O("laiterie", "eaux blanches de lavage (NEP), 200 m3/j", category="eau"),
         N("gaec", "eau pour l'abreuvement des vaches", category="eau"))

# ------------------------------------------------------------ packaging, nets, hazardous
w.sub("caisses PSE de marée",
      O("mareyeur", "caisses polystyrene de maree usagees (sales)"),
      O("criee", "caisses polystyrène cassées de la halle"),
      T("emballages", "Emballages Opale : on reprend les caisses PSE de marée pour recyclage (compactage)"))
w.single(N("maraicher", "caisses pour la récolte des légumes"))
w.sub("filets de pêche",
      O("armement", "filets de chalut usages (polyamide / PE), 5 t/an", quantity=5, unit="t", frequency="an"),
      T("collecte", "Opale Environnement : collecte des filets de peche usages et cordages pour recyclage"))
w.pair("filets de chalut usages", w.card("need", "ressourcerie", "filets et cordages pour l'atelier de création (déco, sacs)"), "filets -> upcycling", "weak")
w.sub("déchets dangereux portuaires",
      O("armement", "huiles moteur usagees des chalutiers, 6 m3/an", waste_code="13 02 05*"),
      O("chantier_naval", "peintures antifouling et solvants usagés", waste_code="08 01 11*"),
      T("dechets_port", "Récupération portuaire : collecte des déchets dangereux des navires (huiles, eaux de cale, peintures), agréé"))

# ------------------------------------------------------------ transport, equipment
w.sub("fret vers Rungis",
      O("transport_frigo", "places dispo en frigo Boulogne -> Rungis la nuit (depart 22h)", category="logistique"),
      N("fromagerie", "livraison de fromages vers Rungis 2x/sem"),
      N("mareyeur", "expéditions de marée vers Rungis chaque nuit"))
w.single(N("endives", "transport d'endives Saint-Omer -> Boulogne, le matin"))
w.sub("épandage",
      O("cuma", "tonne a lisier a pendillards dispo en juin", category="equipement", months=[6]),
      N("cereales", "tonne à lisier pour épandage en juin après orge", months=[6]))
w.single(O("cuma", "épandeur à fumier libre en juin", category="equipement", months=[6]),
         N("maraicher", "epandeur pour le fumier en novembre", months=[11]))
w.sub("levage au port",
      O("chantier_naval", "grue mobile 40 t dispo en semaine", category="equipement"),
      N("armement", "levage des moteurs de chalutiers au port"))

# ------------------------------------------------------------ services, meals, training
w.mut("gardiennage du port",
      N("criee", "gardiennage de nuit de la halle a maree", category="service"),
      N("mareyeur", "surveillance des ateliers de Capecure la nuit"))
w.single(N("laiterie", "gardiennage de nuit de la laiterie (Desvres)"))
w.sub("repas",
      O("cuisine", "repas du midi livres pour les entreprises de Saint-Leonard", category="service"),
      N("legumerie", "repas du midi pour 60 salariés"),
      N("abattoir", "cantine : repas pour les equipes du matin"))
w.single(N("carriere", "repas pour les équipes de la carrière (Marquise)"))
w.mut("sécurité des marins",
      O("formation", "Lycée maritime : stages CFBS et permis moteurs marins", category="formation"),
      N("armement", "formation securite de base STCW pour les marins"),
      N("aquaculture", "certificat de formation de base à la sécurité (CFBS) pour 2 matelots"))
w.single(N("transport_frigo", "FIMO / FCO pour 4 conducteurs"))
w.mut("Certiphyto",
      N("cereales", "Certiphyto decideur : renouvellement", category="formation"),
      N("endives", "certiphyto operateur pour 3 salaries"))
w.mut("qualité partagée",
      N("abattoir", "technicien qualite HACCP a temps partage", category="rh"),
      N("legumerie", "responsable qualité / HACCP à temps partagé"))
w.mut("fileteur partagé",
      N("mareyeur", "fileteur qualifie a temps partage", category="rh"),
      N("saurisserie", "fileteur / fileteuse 2 jours par semaine"))
w.single(N("conserverie", "technicien froid à temps partagé", category="rh"))

# ------------------------------------------------------------ staff and ESS
w.loan("salariés agricoles l'hiver",
       O("cereales", "salarie agricole dispo de novembre a fevrier, pret possible", category="rh", months=[11, 12, 1, 2]),
       N("endives", "ouvriers pour le forcage des endives nov-avril", category="rh", months=[11, 12, 1, 2, 3, 4]),
       N("sucrerie", "saisonniers pour la campagne betteraviere sept-janvier", category="rh", months=[9, 10, 11, 12, 1]))
w.loan("ouvriers hors saison du hareng",
       O("conserverie", "ouvriers en sous-activite mai-juillet (hors saison hareng)", category="rh", months=[5, 6, 7]),
       N("legumerie", "renforts d'ete pour la 4e gamme (juin-aout)", category="rh", months=[6, 7, 8]))
w.sub("groupement d'employeurs",
      O("ge_agri", "groupement d'employeurs agricole : salaries partages entre exploitations (traite, cultures)", category="rh"),
      N("gaec", "trayeur 2 week-ends par mois"),
      N("porcs", "porcher / agent d'elevage a mi-temps"))
w.sub("conditionnement ESAT",
      O("esat", "ESAT : conditionnement, etiquetage, mise en barquette", category="service"),
      N("saurisserie", "mise en barquette et etiquetage pour Noel", months=[11, 12]))

w.mut("HACCP",
      N("restaurant", "formation HACCP pour 2 cuisiniers", category="formation"),
      N("saurisserie", "hygiene alimentaire HACCP pour les nouveaux"),
      N("fromagerie", "formation HACCP / PMS pour 3 fromagers"))
w.mut("sel",
      N("saurisserie", "sel de saumurage en achat groupe", category="achat"),
      N("conserverie", "sel et huile de tournesol en achat groupé"),
      N("fromagerie", "sel fin pour le salage, commande groupée"))
w.mut("lavage de bacs",
      O("esat", "ESAT : lavage de bacs et caisses plastiques alimentaires", category="service"),
      N("criee", "lavage des bacs de criée"),
      N("legumerie", "lavage des caisses de recolte"))
w.mut("CACES en froid",
      N("entrepot_froid", "CACES R489 cat 3 pour caristes en froid negatif", category="formation"),
      N("fileteur", "caces R489 cat 1A / 3, 6 pers"))
w.sub("cartons",
      O("boulangerie", "cartons et sacs papier de farine vides"),
      O("legumerie", "cartons d'emballage propres, 2 t/mois"),
      T("collecte", "Opale Environnement : collecte cartons, films et DIB des entreprises"))
w.sub("big bags",
      O("sucrerie", "big bags de sucre vides (contact alimentaire), 500/an", quantity=500, unit="pièces", frequency="an"),
      N("pommes_de_terre", "big bags alimentaires pour le stockage des plants"),
      N("compost", "big bags pour livrer le compost aux jardiniers"))
w.single(O("carriere", "big bags de granulats vides"))
w.pair("big bags de granulats vides", "big bags pour livrer le compost", "big bags", "strong")
w.sub("huiles alimentaires",
      O("conserverie", "huile de tournesol usagee des conserves (egouttage), 2 m3/mois"),
      O("restaurant", "huile de friture usagée, 40 L/sem"),
      T("collecte", "collecte des huiles alimentaires usagees (restaurants, conserveries)"))
w.sub("palettes",
      O("fileteur", "palettes bois perdues, 100/sem", quantity=100, unit="pièces", frequency="semaine"),
      O("laiterie", "palettes 80x120 cassees"),
      N("cocagne", "palettes pour construire nos bacs de culture"),
      N("esat", "palettes a reparer pour notre atelier palettes"))
w.pair("dreches humides", "aliment pour les porcs", "drêches -> porcs", "weak")

# ------------------------------------------------------------ look-alikes a facilitator rejects
neg = w.neg
neg("MRS bovines", "Methanisation du Boulonnais", "catégorie 1 : interdite en méthanisation, équarrissage obligatoire")
neg("tetes, aretes et peaux", "aliment pour les porcs", "coproduits de poisson crus : l'éleveur ne prend que des végétaux ou du laitier")
neg("ecarts de tri pommes de terre", "dons alimentaires frais et surgeles", "pommes de terre verdies : impropres à la consommation")
neg("digestat liquide", "fertilisants utilisables en AB", "le maraîcher exclut le digestat")
neg("eaux blanches de lavage", "eau pour l'abreuvement", "eaux de lavage NEP (détergents) : pas pour l'abreuvement")
neg("froid negatif -25°C", "stockage à +4°C pour les fromages", "froid négatif pour des fromages frais à +4 °C")
neg("chambre froide positive 0/+4°C", "stockage surgele -20°C", "froid positif, le besoin est à -20 °C")
neg("chaleur des condenseurs", "chaleur 80°C pour le fumage", "eau à 30 °C, le fumage à chaud exige 80 °C")
neg("chaleur des secheurs de farine", "chauffage de la serre a plants", "chaleur de Saint-Léonard pour une serre de Wimille : 10 km")
neg("caisses polystyrene de maree usagees", "caisses pour la récolte", "caisses de marée souillées : pas de contact avec des légumes")
neg("huiles moteur usagees des chalutiers", "Opale Environnement : collecte des filets", "huiles usagées (dangereuses) vers un collecteur non agréé")
neg("peintures antifouling", "filets et cordages pour l'atelier", "peintures antifouling (dangereuses) vers une ressourcerie")
neg("places dispo en frigo Boulogne -> Rungis", "transport d'endives Saint-Omer", "camions Boulogne -> Rungis, besoin Saint-Omer -> Boulogne")
neg("épandeur à fumier libre en juin", "epandeur pour le fumier en novembre", "épandeur libre en juin, besoin en novembre")
neg("gardiennage de nuit de la laiterie", "gardiennage de nuit de la halle", "Desvres et le port : 14 km, pas de rondes communes")
neg("gardiennage de nuit de la laiterie", "surveillance des ateliers de Capecure", "Desvres et Capécure : 14 km")
neg("repas du midi livres pour les entreprises", "repas pour les équipes de la carrière", "repas de Saint-Léonard pour Marquise : 15 km")
neg("Lycée maritime : stages CFBS", "FIMO / FCO pour 4", "formation maritime, le besoin est FIMO/FCO (route)")
neg("technicien qualite HACCP a temps partage", "technicien froid à temps partagé", "qualité et froid : deux métiers")
neg("fileteur qualifie a temps partage", "technicien froid à temps partagé", "fileteur n'est pas technicien froid")
neg("ouvriers en sous-activite mai-juillet", "saisonniers pour la campagne betteraviere", "personnel libre mai-juillet, campagne de septembre à janvier")
neg("salarie agricole dispo de novembre", "renforts d'ete pour la 4e gamme", "salarié libre l'hiver, besoin l'été")
neg("tetes, aretes et peaux", "invendus de criee + poissons abimes", "deux producteurs de coproduits : aucun ne les reprend")
neg("lisier de porcs", "fumier composté ou frais", "le maraîcher bio demande du fumier, pas du lisier hors-sol")
neg("eau de mer filtree en exces", "eau pour l'abreuvement", "eau de mer pour l'abreuvement")
neg("glace en ecailles en surplus", "stockage surgele -20°C", "de la glace n'est pas une capacité de stockage")
neg("huiles moteur usagees des chalutiers", "collecte des huiles alimentaires", "huile moteur (dangereuse) vers une collecte d'huiles alimentaires")
neg("big bags de granulats vides", "big bags alimentaires pour le stockage", "big bags de granulats : pas de contact alimentaire")
neg("Certiphyto decideur", "formation securite de base STCW", "deux formations sans rapport")

w.write(HERE)
