"""What the demo catalogue says about each product, in English and Bangla (by English name).

Each text is the product's own: what it is, where it comes from, how people here use it.
"""

DESCRIPTIONS: dict[str, tuple[str, str]] = {
    # Rice & Grains
    "Miniket Rice 5 kg": (
        "Slim, polished Miniket from the mills of Kushtia. Cooks soft and separate: the everyday rice of "
        "Dhaka kitchens.",
        "কুষ্টিয়ার মিলের সরু, পালিশ করা মিনিকেট চাল। ভাত হয় নরম আর ঝরঝরে; ঢাকার ঘরে ঘরে প্রতিদিনের চাল।",
    ),
    "Nazirshail Rice 5 kg": (
        "Long, fine Nazirshail from Dinajpur with a light sweetness; holds its shape for polao as well as "
        "plain rice.",
        "দিনাজপুরের লম্বা ও চিকন নাজিরশাইল, হালকা মিষ্টি স্বাদ। সাদা ভাতের পাশাপাশি পোলাওয়েও দানা ভাঙে না।",
    ),
    "Chinigura Aromatic Rice 1 kg": (
        "Tiny, fragrant Chinigura grains for polao, khichuri, payesh and firni on festive days.",
        "ছোট দানার সুগন্ধি চিনিগুঁড়া চাল; উৎসবের দিনে পোলাও, খিচুড়ি, পায়েস আর ফিরনির জন্য।",
    ),
    "Kalijira Rice 1 kg": (
        "Kalijira, the 'baby basmati' of Bengal: very small black-cumin-shaped grains with a rich aroma, "
        "best for payesh.",
        "কালিজিরা দানার মতো ছোট্ট সুগন্ধি চাল, বাংলার নিজস্ব। পায়েস আর পোলাওয়ে এর ঘ্রাণ অতুলনীয়।",
    ),
    "BR-28 Rice 10 kg": (
        "Medium-grain BRRI dhan-28, the thrifty family rice, in a 10 kg sack that lasts a household of four "
        "about two weeks.",
        "মাঝারি দানার ব্রি ধান-২৮, সাশ্রয়ী পারিবারিক চাল। ১০ কেজির বস্তায় চারজনের সংসারে প্রায় দুই সপ্তাহ চলে।",
    ),
    "Basmati Rice 1 kg": (
        "Aged long-grain basmati that grows long when cooked; for kacchi biryani and tehari.",
        "পুরোনো লম্বা দানার বাসমতি চাল, রান্নায় আরও লম্বা হয়। কাচ্চি বিরিয়ানি আর তেহারির জন্য উপযুক্ত।",
    ),
    "Red Atta 2 kg": (
        "Whole-wheat red atta, stone-ground with the bran, for soft ruti and paratha at breakfast.",
        "ভুসিসহ জাঁতায় ভাঙা লাল আটা; সকালের নরম রুটি আর পরোটার জন্য।",
    ),
    "Maida 1 kg": (
        "Fine white flour for luchi, singara, puri and cakes.",
        "মিহি সাদা ময়দা; লুচি, সিঙ্গারা, পুরি আর কেক বানাতে।",
    ),
    "Suji 500 g": (
        "Fine semolina for suji halwa, sweet suji and the breakfast upma.",
        "মিহি সুজি; সুজির হালুয়া আর মিষ্টি সুজি রান্নার জন্য।",
    ),
    "Chira Flattened Rice 500 g": (
        "Thin chira for a quick breakfast with doi and gur, or fried with peanuts as a snack.",
        "পাতলা চিড়া; দই-গুড় দিয়ে ঝটপট নাশতা, কিংবা বাদাম দিয়ে ভেজে বিকেলের খাবার।",
    ),
    "Muri Puffed Rice 500 g": (
        "Crisp, salt-free muri for jhal muri and the iftar plate with chola and piyaju.",
        "মচমচে মুড়ি; ঝালমুড়ি আর ছোলা-পিয়াজুর সাথে ইফতারের থালার জন্য।",
    ),
    "Rolled Oats 500 g": (
        "Whole rolled oats that cook in five minutes; porridge with milk and banana, or overnight oats.",
        "আস্ত রোলড ওটস, পাঁচ মিনিটেই রান্না হয়। দুধ-কলা দিয়ে পরিজ বা রাতভর ভেজানো ওটসের জন্য।",
    ),
    # Lentils & Pulses
    "Deshi Masoor Dal 1 kg": (
        "Small red deshi masoor that melts into a smooth, thin dal; the one Bangladeshi homes cook daily.",
        "ছোট দানার দেশি মসুর ডাল, রান্নায় গলে মসৃণ পাতলা ডাল হয়; বাঙালি ঘরের রোজকার ডাল।",
    ),
    "Bold Masoor Dal 1 kg": (
        "Larger imported masoor at an easy price; thicker dal that keeps some bite.",
        "বড় দানার আমদানি করা মসুর ডাল, দামে সাশ্রয়ী। ঘন ডাল হয়, দানা একটু থাকে।",
    ),
    "Moong Dal 1 kg": (
        "Split, hulled moong for a light dal, khichuri and bhuna moong with fish head.",
        "খোসা ছাড়ানো ভাঙা মুগ ডাল; হালকা ডাল, খিচুড়ি আর মাছের মাথা দিয়ে মুগ ডালের জন্য।",
    ),
    "Chana Dal 1 kg": (
        "Split Bengal gram for chana dal with coconut, and for haleem during Ramadan.",
        "ভাঙা ছোলার ডাল; নারকেল দিয়ে ছোলার ডাল আর রমজানে হালিম রান্নার জন্য।",
    ),
    "Chickpeas 1 kg": (
        "Whole chickpeas to soak overnight for the spicy chola bhuna of every iftar table.",
        "আস্ত ছোলা; রাতভর ভিজিয়ে ইফতারের টেবিলের ঝাল ছোলা ভুনার জন্য।",
    ),
    "Khesari Dal 1 kg": (
        "Khesari (grass pea) dal, ground for crisp piyaju and beguni batter.",
        "খেসারি ডাল; বেটে মচমচে পিয়াজু আর বেগুনির বেসনের জন্য।",
    ),
    "Mashkalai Dal 1 kg": (
        "Split black gram for the thick mashkalai dal of Rajshahi, eaten with kalai ruti.",
        "ভাঙা মাষকলাই; রাজশাহীর ঘন মাষকলাইয়ের ডাল, কলাইয়ের রুটির সাথে খাওয়ার জন্য।",
    ),
    "Motor Dal 1 kg": (
        "Yellow split peas for everyday dal and the ghugni sold from street carts.",
        "হলুদ মটর ডাল; রোজকার ডাল আর ফুচকা-চটপটির ঘুগনির জন্য।",
    ),
    "Arhar Dal 1 kg": (
        "Arhar (toor) dal with a nutty taste, for tok dal with green mango and for sambar.",
        "বাদামি স্বাদের অড়হর ডাল; কাঁচা আম দিয়ে টক ডাল রান্নার জন্য।",
    ),
    "Rajma Beans 500 g": (
        "Red kidney beans for rajma curry and salads; soak them for eight hours before cooking.",
        "লাল রাজমা; রাজমার তরকারি আর সালাদের জন্য। রান্নার আগে আট ঘণ্টা ভিজিয়ে রাখুন।",
    ),
    "Peanuts 500 g": (
        "Raw, shelled peanuts to roast for jhal muri, chira bhaja or a handful with tea.",
        "খোসা ছাড়ানো কাঁচা চিনাবাদাম; ভেজে ঝালমুড়ি, চিড়াভাজা বা চায়ের সাথে খাওয়ার জন্য।",
    ),
    # Oil & Ghee
    "Soybean Oil 5 L": (
        "Fortified soybean oil with vitamin A in a 5 litre jar, for a month of family cooking.",
        "ভিটামিন 'এ' সমৃদ্ধ সয়াবিন তেল, ৫ লিটারের বোতলে; পরিবারের এক মাসের রান্নার জন্য।",
    ),
    "Soybean Oil 1 L": (
        "Fortified soybean oil in a 1 litre bottle: light, neutral, good for bhaji and curries.",
        "ভিটামিন 'এ' সমৃদ্ধ সয়াবিন তেল, ১ লিটারের বোতল; ভাজি আর তরকারির জন্য হালকা তেল।",
    ),
    "Mustard Oil 1 L": (
        "Cold-pressed ghani mustard oil with its sharp bite, for bhorta, shorshe ilish and achar.",
        "ঘানিতে ভাঙানো খাঁটি সরিষার তেল, ঝাঁঝালো স্বাদ; ভর্তা, সর্ষে ইলিশ আর আচারের জন্য।",
    ),
    "Mustard Oil 500 ml": (
        "The same ghani-pressed mustard oil in a half-litre bottle, enough for mashing bhorta and a winter "
        "massage.",
        "একই ঘানির সরিষার তেল, আধা লিটারের বোতলে; ভর্তা মাখা আর শীতে গায়ে মাখার জন্য যথেষ্ট।",
    ),
    "Rice Bran Oil 5 L": (
        "Rice bran oil made in Bangladesh; a high smoke point for deep frying and less oil soaked up.",
        "দেশে তৈরি রাইস ব্রান তেল; বেশি তাপে ডুবো তেলে ভাজাতেও ভালো থাকে, খাবারে তেল কম টানে।",
    ),
    "Palm Oil 1 L": (
        "Refined palm oil, the thrifty choice for frying singara, puri and fritters.",
        "পরিশোধিত পাম তেল; সিঙ্গারা, পুরি আর চপ ভাজার সাশ্রয়ী তেল।",
    ),
    "Sunflower Oil 1 L": (
        "Light sunflower oil, low in saturated fat, for everyday cooking and salads.",
        "হালকা সূর্যমুখী তেল, স্যাচুরেটেড ফ্যাট কম; রোজকার রান্না আর সালাদের জন্য।",
    ),
    "Olive Oil 500 ml": (
        "Extra virgin olive oil from Spain, for salads and drizzling, and a gentle hair and body oil.",
        "স্পেনের এক্সট্রা ভার্জিন জলপাই তেল; সালাদে দেওয়ার জন্য, চুল ও শরীরের যত্নেও।",
    ),
    "Cow Ghee 400 g": (
        "Pure gawa ghee made from cow's milk; a spoon on hot rice, and the aroma of polao and biryani.",
        "গরুর দুধের খাঁটি গাওয়া ঘি; গরম ভাতে এক চামচ, আর পোলাও-বিরিয়ানির ঘ্রাণের জন্য।",
    ),
    "Vanaspati Ghee 1 kg": (
        "Vanaspati (dalda) for paratha, halwa and the flaky layers of bakery-style biscuits.",
        "বনস্পতি (ডালডা); পরোটা, হালুয়া আর খাস্তা বিস্কুটের জন্য।",
    ),
    "Sesame Oil 250 ml": (
        "Cold-pressed til oil with a toasted aroma, for bhorta and a few drops on noodles.",
        "ঘানিতে ভাঙানো তিলের তেল, ভাজা তিলের ঘ্রাণ; ভর্তা আর নুডলসে কয়েক ফোঁটার জন্য।",
    ),
    # Spices, Salt & Sugar
    "Turmeric Powder 200 g": (
        "Bright turmeric ground from dried Bogura roots; the golden base of almost every curry.",
        "বগুড়ার শুকনো হলুদ বাটা গুঁড়া, উজ্জ্বল রং; প্রায় সব তরকারির সোনালি ভিত্তি।",
    ),
    "Chilli Powder 200 g": (
        "Hot red chilli powder for colour and heat in bhuna, kala bhuna and achar.",
        "ঝাল লাল মরিচের গুঁড়া; ভুনা, কালাভুনা আর আচারে রং ও ঝালের জন্য।",
    ),
    "Coriander Powder 200 g": (
        "Ground coriander seed with a warm, citrusy smell that rounds off meat and fish curries.",
        "ধনিয়া বীজের গুঁড়া, উষ্ণ ও লেবুর মতো ঘ্রাণ; মাছ-মাংসের তরকারিকে পূর্ণ স্বাদ দেয়।",
    ),
    "Cumin Powder 100 g": (
        "Roasted cumin powder for dal tadka, borhani and a pinch on fruit chaat.",
        "ভাজা জিরার গুঁড়া; ডালের ফোড়ন, বোরহানি আর ফলের চাটে এক চিমটির জন্য।",
    ),
    "Whole Cumin 100 g": (
        "Whole cumin seeds to crackle in hot oil before the dal or vegetables go in.",
        "আস্ত জিরা; ডাল বা সবজি দেওয়ার আগে গরম তেলে ফোড়ন দেওয়ার জন্য।",
    ),
    "Garam Masala 50 g": (
        "Ground cardamom, cinnamon, clove and bay leaf, added at the end for aroma.",
        "এলাচ, দারুচিনি, লবঙ্গ আর তেজপাতার গুঁড়া মিশ্রণ; রান্নার শেষে ঘ্রাণের জন্য।",
    ),
    "Beef Curry Masala 100 g": (
        "A ready mix for beef bhuna and the Eid-ul-Adha kala bhuna; about 2 tablespoons per kilo of meat.",
        "গরুর মাংস ভুনা আর কোরবানির কালাভুনার তৈরি মসলা; প্রতি কেজি মাংসে প্রায় ২ টেবিল চামচ।",
    ),
    "Chicken Curry Masala 100 g": (
        "A ready mix for a home-style chicken curry or roast, mild enough for children.",
        "ঘরোয়া মুরগির ঝোল বা রোস্টের তৈরি মসলা; ঝাল কম, শিশুরাও খেতে পারে।",
    ),
    "Biryani Masala 40 g": (
        "A spice blend for Dhaka-style kacchi and chicken biryani; one packet seasons a kilo of rice.",
        "ঢাকাই কাচ্চি আর মুরগির বিরিয়ানির মসলা; এক প্যাকেটে এক কেজি চালের বিরিয়ানি হয়।",
    ),
    "Green Cardamom 50 g": (
        "Plump green cardamom pods for tea, payesh, polao and korma.",
        "পুষ্ট সবুজ এলাচ; চা, পায়েস, পোলাও আর কোরমার জন্য।",
    ),
    "Cinnamon 100 g": (
        "Cinnamon bark sticks for polao, korma and spiced tea.",
        "দারুচিনির টুকরা; পোলাও, কোরমা আর মসলা চায়ের জন্য।",
    ),
    "Panch Phoron 100 g": (
        "The Bengali five-spice of cumin, fennel, fenugreek, nigella and radhuni, for tempering dal and "
        "torkari.",
        "জিরা, মৌরি, মেথি, কালোজিরা আর রাঁধুনির বাঙালি পাঁচফোড়ন; ডাল আর তরকারির ফোড়নের জন্য।",
    ),
    "Iodised Salt 1 kg": (
        "Refined, iodised table salt, free-flowing in the monsoon damp.",
        "পরিশোধিত আয়োডিনযুক্ত লবণ; বর্ষার স্যাঁতসেঁতে আবহাওয়াতেও জমাট বাঁধে না।",
    ),
    "White Sugar 1 kg": (
        "Refined white sugar for tea, sweets and the semai of Eid morning.",
        "পরিশোধিত সাদা চিনি; চা, মিষ্টি আর ঈদের সকালের সেমাইয়ের জন্য।",
    ),
    # Fish & Meat
    "Padma Hilsa 1 kg": (
        "A single Padma ilish of about one kilo, caught near Chandpur, scaled and cut into pieces if you "
        "ask.",
        "চাঁদপুরের কাছে ধরা প্রায় এক কেজির একটি পদ্মার ইলিশ; চাইলে আঁশ ছাড়িয়ে টুকরো করে দেওয়া হয়।",
    ),
    "Rui Fish 1 kg": (
        "Fresh rui from farm ponds in Mymensingh, cleaned and cut for jhol or fish fry.",
        "ময়মনসিংহের পুকুরের তাজা রুই; ঝোল বা মাছ ভাজার জন্য কেটে পরিষ্কার করে দেওয়া হয়।",
    ),
    "Katla Fish 1 kg": (
        "Katla with a big, tender head for muri ghonto and kalia.",
        "বড় ও নরম মাথার কাতলা মাছ; মুড়িঘণ্ট আর কালিয়ার জন্য।",
    ),
    "Pangas Fish 1 kg": (
        "Boneless-tasting farmed pangas, mild and soft, good for a quick curry.",
        "চাষের পাঙ্গাস মাছ, কাঁটা কম, স্বাদ নরম; ঝটপট তরকারির জন্য ভালো।",
    ),
    "Tilapia Fish 1 kg": (
        "Farmed tilapia of two or three fish per kilo, for frying whole or a tomato curry.",
        "চাষের তেলাপিয়া, কেজিতে দুই-তিনটি; আস্ত ভাজা বা টমেটো দিয়ে ঝোলের জন্য।",
    ),
    "Golda Prawn 500 g": (
        "Large freshwater golda prawns from Khulna's ghers, for malaikari with coconut milk.",
        "খুলনার ঘেরের বড় গলদা চিংড়ি; নারকেলের দুধে মালাইকারির জন্য।",
    ),
    "Bagda Shrimp 500 g": (
        "Bagda tiger shrimp from Satkhira, peeled or whole, for bhuna and fried rice.",
        "সাতক্ষীরার বাগদা চিংড়ি, খোসাসহ বা ছাড়ানো; ভুনা আর ফ্রাইড রাইসের জন্য।",
    ),
    "Pabda Fish 500 g": (
        "Small, soft pabda for a light jhol with tomato and green chilli.",
        "ছোট নরম পাবদা মাছ; টমেটো আর কাঁচা মরিচ দিয়ে হালকা ঝোলের জন্য।",
    ),
    "Beef Bone-in 1 kg": (
        "Fresh beef with bone, cut into curry pieces by our butcher in the morning of delivery.",
        "হাড়সহ তাজা গরুর মাংস, ডেলিভারির দিন সকালে আমাদের কসাই তরকারির মাপে কেটে দেন।",
    ),
    "Mutton 1 kg": (
        "Tender khashi (goat) meat with some bone, for rezala and kacchi biryani.",
        "হাড়সহ নরম খাসির মাংস; রেজালা আর কাচ্চি বিরিয়ানির জন্য।",
    ),
    "Broiler Chicken 1 kg": (
        "Skinless broiler chicken, cleaned and cut into 12 pieces, delivered chilled.",
        "চামড়া ছাড়ানো ব্রয়লার মুরগি, পরিষ্কার করে ১২ টুকরো করা, ঠান্ডা অবস্থায় পৌঁছে দেওয়া হয়।",
    ),
    "Deshi Chicken per Piece": (
        "One free-range deshi chicken of about 800 g to 1 kg, with the firmer meat and deeper taste of the "
        "village.",
        "প্রায় ৮০০ গ্রাম থেকে ১ কেজির একটি দেশি মুরগি; গ্রামের মুরগির শক্ত মাংস আর গাঢ় স্বাদ।",
    ),
    "Farm Eggs 12 pcs": (
        "A dozen brown farm eggs, packed in a tray so they arrive whole.",
        "এক ডজন বাদামি ফার্মের ডিম, ট্রেতে প্যাক করা যাতে অক্ষত পৌঁছায়।",
    ),
    # Vegetables & Fruits
    "Deshi Onion 1 kg": (
        "Small, strong deshi onions from Faridpur and Pabna that brown quickly for beresta.",
        "ফরিদপুর আর পাবনার ছোট, ঝাঁঝালো দেশি পেঁয়াজ; বেরেস্তার জন্য তাড়াতাড়ি লাল হয়।",
    ),
    "Potato 1 kg": (
        "Diamond potatoes from Munshiganj for aloo bhorta, bhaji and the potatoes in biryani.",
        "মুন্সিগঞ্জের ডায়মন্ড আলু; আলু ভর্তা, ভাজি আর বিরিয়ানির আলুর জন্য।",
    ),
    "Garlic 500 g": (
        "Deshi garlic with small, pungent cloves; peel a few for bhorta or grind them for curry.",
        "ছোট কোয়ার ঝাঁঝালো দেশি রসুন; ভর্তায় কয়েক কোয়া, বা বেটে তরকারিতে।",
    ),
    "Ginger 250 g": (
        "Fresh, juicy ginger for ginger paste, ada cha and soothing a cold.",
        "রসালো তাজা আদা; আদা বাটা, আদা-চা আর ঠান্ডা লাগলে উপশমের জন্য।",
    ),
    "Green Chilli 250 g": (
        "Hot green chillies, picked this morning, for bhorta, dal and a bite with rice.",
        "আজ সকালে তোলা ঝাল কাঁচা মরিচ; ভর্তা, ডাল আর ভাতের সাথে কামড় দেওয়ার জন্য।",
    ),
    "Tomato 1 kg": (
        "Firm red tomatoes for salads, tomato chutney and fish curries.",
        "শক্ত লাল টমেটো; সালাদ, টমেটোর চাটনি আর মাছের ঝোলের জন্য।",
    ),
    "Brinjal 1 kg": (
        "Round, glossy brinjal for begun bhaja, beguni and begun bhorta.",
        "গোল চকচকে বেগুন; বেগুন ভাজা, বেগুনি আর বেগুন ভর্তার জন্য।",
    ),
    "Bottle Gourd per Piece": (
        "One tender lau of about 1.5 kg, for lau ghonto, or with shrimp or moong dal.",
        "প্রায় দেড় কেজির একটি কচি লাউ; লাউ ঘণ্ট, চিংড়ি বা মুগ ডাল দিয়ে রান্নার জন্য।",
    ),
    "Red Spinach Bunch": (
        "A bunch of lal shak, stir-fried with garlic; it turns the rice a beautiful pink.",
        "এক আঁটি লাল শাক; রসুন দিয়ে ভাজলে ভাত গোলাপি রঙে রাঙিয়ে দেয়।",
    ),
    "Sagor Banana 12 pcs": (
        "A dozen ripe sagor kola, sweet and soft, for breakfast or children's tiffin.",
        "এক ডজন পাকা সাগর কলা, মিষ্টি আর নরম; নাশতা বা বাচ্চাদের টিফিনের জন্য।",
    ),
    "Himsagar Mango 1 kg": (
        "Himsagar from Satkhira and Rajshahi, fibreless and very sweet, in season in June.",
        "সাতক্ষীরা ও রাজশাহীর হিমসাগর আম, আঁশ নেই, খুব মিষ্টি; জুন মাসে মৌসুম।",
    ),
    "Green Coconut per Piece": (
        "One young daab with about half a litre of sweet water; the delivery person can open it for you.",
        "প্রায় আধা লিটার মিষ্টি পানির একটি কচি ডাব; চাইলে ডেলিভারিকর্মী কেটে দেবেন।",
    ),
    "Guava 1 kg": (
        "Crunchy Kazi peyara from Swarupkathi, eaten green with salt and chilli.",
        "স্বরূপকাঠির কচকচে কাজী পেয়ারা; লবণ-মরিচ মাখিয়ে কাঁচা খাওয়ার জন্য।",
    ),
    "Lemon 4 pcs": (
        "Four juicy kagoji lemons for lebu pani, dal and a squeeze over fried fish.",
        "চারটি রসালো কাগজি লেবু; লেবুর শরবত, ডাল আর মাছ ভাজায় চিপে দেওয়ার জন্য।",
    ),
    # Snacks & Drinks
    "Chanachur 350 g": (
        "Spicy, crunchy Bombay-style chanachur to mix into jhal muri or eat with evening tea.",
        "ঝাল, মচমচে চানাচুর; ঝালমুড়িতে মেশাতে বা বিকেলের চায়ের সাথে।",
    ),
    "Potato Chips 40 g": (
        "Thin, salted potato chips in a pocket-sized pack.",
        "পাতলা, লবণ মাখানো আলুর চিপস, পকেটে নেওয়ার মতো প্যাকেটে।",
    ),
    "Vegetable Crackers 240 g": (
        "Light, salty vegetable crackers, a favourite with tea in offices and at home.",
        "হালকা, নোনতা ভেজিটেবল ক্র্যাকার্স; অফিস আর বাসায় চায়ের সাথে প্রিয়।",
    ),
    "Toast Biscuits 300 g": (
        "Twice-baked, crisp toast biscuits, made to be dipped in milk tea.",
        "দুইবার সেঁকা মচমচে টোস্ট বিস্কুট; দুধ-চায়ে ডুবিয়ে খাওয়ার জন্যই তৈরি।",
    ),
    "Black Tea Leaves 400 g": (
        "Strong CTC black tea from the gardens of Sylhet, for a dark, malty cup of milk tea.",
        "সিলেটের বাগানের কড়া সিটিসি চা পাতা; গাঢ় রঙের দুধ-চায়ের জন্য।",
    ),
    "Instant Noodles 8 Pack": (
        "Eight packs of masala instant noodles, ready in two minutes.",
        "আট প্যাক মসলা ইনস্ট্যান্ট নুডলস, দুই মিনিটেই তৈরি।",
    ),
    "Mango Juice 1 L": (
        "Mango drink made with pulp from Rajshahi mangoes; serve it cold.",
        "রাজশাহীর আমের পাল্প দিয়ে তৈরি আমের জুস; ঠান্ডা করে পরিবেশন করুন।",
    ),
    "Mineral Water 1.5 L": (
        "Purified drinking water in a 1.5 litre bottle, sealed for safety.",
        "বিশুদ্ধ খাবার পানি, ১.৫ লিটারের সিল করা বোতলে।",
    ),
    "Full Cream Milk Powder 500 g": (
        "Full cream milk powder for tea, payesh and a glass of milk for the children.",
        "ফুল ক্রিম গুঁড়া দুধ; চা, পায়েস আর বাচ্চাদের এক গ্লাস দুধের জন্য।",
    ),
    "Sundarbans Honey 500 g": (
        "Raw khalisha-flower honey collected by mouals in the Sundarbans; it may crystallise in winter, "
        "which is natural.",
        "সুন্দরবনের মৌয়ালদের সংগ্রহ করা খলিশা ফুলের কাঁচা মধু; শীতে জমে যেতে পারে, এটি স্বাভাবিক।",
    ),
    "Medjool Dates 500 g": (
        "Large, soft Medjool dates to break the fast at iftar.",
        "বড় ও নরম মেডজুল খেজুর; ইফতারে রোজা ভাঙার জন্য।",
    ),
    "Bogura Mishti Doi 500 g": (
        "Sweet, caramel-coloured doi set in a clay pot, from a sweet shop in Bogura.",
        "বগুড়ার মিষ্টির দোকান থেকে মাটির পাত্রে জমানো লালচে মিষ্টি দই।",
    ),
    "Rasgulla 1 kg Tin": (
        "Spongy rasgulla in light syrup in a sealed tin, about 20 pieces; keeps for months unopened.",
        "হালকা রসে ডোবানো নরম রসগোল্লা, সিল করা টিনে প্রায় ২০টি; না খুললে কয়েক মাস ভালো থাকে।",
    ),
    # Beauty & Personal Care
    "Coconut Hair Oil 200 ml": (
        "Pure coconut oil for hair; it sets solid in winter, so warm the bottle in your hands.",
        "চুলের জন্য খাঁটি নারিকেল তেল; শীতে জমে যায়, তাই বোতলটি হাতে একটু গরম করে নিন।",
    ),
    "Herbal Shampoo 340 ml": (
        "A mild herbal shampoo with amla and shikakai for everyday washing.",
        "আমলকী আর শিকাকাইযুক্ত মৃদু হারবাল শ্যাম্পু; প্রতিদিন ব্যবহারের জন্য।",
    ),
    "Beauty Soap 150 g": (
        "A creamy beauty soap with a floral scent that lasts.",
        "ফুলের সুবাসের ক্রিমি বিউটি সাবান, ঘ্রাণ অনেকক্ষণ থাকে।",
    ),
    "Neem Face Wash 100 ml": (
        "A neem and turmeric face wash for oily skin in the humid summer.",
        "নিম আর হলুদের ফেসওয়াশ; গরমের আর্দ্র দিনে তৈলাক্ত ত্বকের জন্য।",
    ),
    "Petroleum Jelly 100 ml": (
        "Pure petroleum jelly for cracked heels and dry lips in the winter.",
        "খাঁটি পেট্রোলিয়াম জেলি; শীতে ফাটা গোড়ালি আর শুকনো ঠোঁটের জন্য।",
    ),
    "Sunscreen SPF 50 50 ml": (
        "A light, non-greasy SPF 50 sunscreen that does not leave a white cast.",
        "হালকা, তেলতেলে নয় এমন এসপিএফ ৫০ সানস্ক্রিন; মুখে সাদা ছোপ ফেলে না।",
    ),
    "Herbal Toothpaste 200 g": (
        "Herbal toothpaste with clove and neem, in a family-size tube.",
        "লবঙ্গ আর নিমযুক্ত হারবাল টুথপেস্ট, পরিবারের জন্য বড় টিউবে।",
    ),
    "Mehedi Cones 6 pcs": (
        "Six ready-to-use henna cones for Eid and wedding designs; the colour deepens overnight.",
        "ঈদ আর বিয়ের নকশার জন্য ছয়টি তৈরি মেহেদি কোণ; রাত পেরোলে রং আরও গাঢ় হয়।",
    ),
    "Kajal Eyeliner": (
        "A smudge-proof black kajal pencil that lasts through a long, hot day.",
        "লেপ্টে না যাওয়া কালো কাজল পেনসিল; গরমের লম্বা দিনেও টিকে থাকে।",
    ),
    "Rose Water 250 ml": (
        "Steam-distilled rose water as a skin toner, and a few drops in firni and biryani.",
        "বাষ্পে পাতিত গোলাপ জল; ত্বকের টোনার হিসেবে, আর ফিরনি-বিরিয়ানিতে কয়েক ফোঁটা।",
    ),
    "Attar 6 ml": (
        "Alcohol-free oud attar in a small roll-on bottle, for Jummah and Eid.",
        "অ্যালকোহলমুক্ত উদ আতর, ছোট রোল-অন বোতলে; জুমা আর ঈদের জন্য।",
    ),
    "Body Lotion 400 ml": (
        "A rich body lotion with cocoa butter for dry winter skin.",
        "কোকো বাটারযুক্ত ঘন বডি লোশন; শীতের শুষ্ক ত্বকের জন্য।",
    ),
    # Fashion
    "Dhakai Jamdani Saree": (
        "A handwoven Dhakai jamdani from Rupganj, with fine motifs woven into the cloth; it takes weavers "
        "weeks.",
        "রূপগঞ্জের তাঁতিদের হাতে বোনা ঢাকাই জামদানি; সূক্ষ্ম নকশা কাপড়েই বোনা, একটি শাড়িতে কয়েক সপ্তাহ লাগে।",
    ),
    "Tangail Cotton Saree": (
        "A soft Tangail tant saree in cotton, cool for summer and everyday wear.",
        "টাঙ্গাইলের নরম সুতি তাঁতের শাড়ি; গরমে আরামদায়ক, প্রতিদিন পরার মতো।",
    ),
    "Rajshahi Silk Saree": (
        "Rajshahi silk with a soft sheen, light to wear for weddings and Pohela Boishakh.",
        "হালকা দ্যুতির রাজশাহী সিল্ক শাড়ি; বিয়ে আর পহেলা বৈশাখে পরতে হালকা ও আরামদায়ক।",
    ),
    "Katan Saree": (
        "A heavy katan silk saree with a zari border, for brides and wedding guests.",
        "জরির পাড়ের ভারী কাতান শাড়ি; কনে আর বিয়ের অতিথিদের জন্য।",
    ),
    "Cotton Panjabi": (
        "A plain cotton panjabi for Friday prayers and warm days, in sizes 38 to 46.",
        "জুমার নামাজ আর গরমের দিনের জন্য সাদামাটা সুতি পাঞ্জাবি; সাইজ ৩৮ থেকে ৪৬।",
    ),
    "Embroidered Eid Panjabi": (
        "A cotton-silk panjabi with hand embroidery on the collar and placket, made for Eid.",
        "কলার আর বুকে হাতের এমব্রয়ডারি করা কটন-সিল্কের পাঞ্জাবি, ঈদের জন্য তৈরি।",
    ),
    "Checked Lungi": (
        "A soft checked cotton lungi, already sewn, from the weavers of Sirajganj.",
        "সিরাজগঞ্জের তাঁতিদের নরম সুতি চেক লুঙ্গি, সেলাই করা।",
    ),
    "Three-Piece Salwar Kameez": (
        "An unstitched three-piece of printed cotton kameez, salwar and orna, to have tailored.",
        "ছাপা সুতি কামিজ, সালোয়ার আর ওড়নার আনস্টিচ থ্রি-পিস; দর্জিকে দিয়ে মাপমতো বানিয়ে নিন।",
    ),
    "Men's Leather Sandals": (
        "Cowhide leather sandals stitched in Dhaka, with a cushioned sole for long walks.",
        "ঢাকায় সেলাই করা গরুর চামড়ার স্যান্ডেল; লম্বা হাঁটার জন্য নরম সোল।",
    ),
    "Georgette Hijab": (
        "A soft georgette hijab that drapes easily and stays cool in the heat.",
        "নরম জর্জেট হিজাব; সহজে পরা যায়, গরমেও আরাম দেয়।",
    ),
    "Girls' Cotton Frock": (
        "A printed cotton frock for girls aged 3 to 8, soft and easy to wash.",
        "৩ থেকে ৮ বছরের মেয়েদের ছাপা সুতি ফ্রক; নরম, ধোয়াও সহজ।",
    ),
    "Men's Polo Shirt": (
        "A cotton piqué polo shirt made in Bangladesh's own garment factories.",
        "দেশের পোশাক কারখানায় তৈরি সুতির পিকে পোলো শার্ট।",
    ),
    # Electronics
    "Android Smartphone 4/64 GB": (
        "An Android phone with 4 GB RAM, 64 GB storage, dual SIM and a 5000 mAh battery that lasts a full "
        "day.",
        "৪ জিবি র‍্যাম, ৬৪ জিবি স্টোরেজ আর ডুয়াল সিমের অ্যান্ড্রয়েড ফোন; ৫০০০ এমএএইচ ব্যাটারিতে সারাদিন চলে।",
    ),
    "Dual SIM Feature Phone": (
        "A simple dual SIM button phone with a torch, FM radio and a battery that lasts days.",
        "টর্চ আর এফএম রেডিওসহ সাধারণ ডুয়াল সিম বাটন ফোন; ব্যাটারি চলে কয়েক দিন।",
    ),
    "Ceiling Fan 56 inch": (
        "A 56 inch ceiling fan with copper winding, quiet at full speed, with a two-year warranty.",
        "তামার তারের ৫৬ ইঞ্চি সিলিং ফ্যান; পুরো গতিতেও শব্দ কম, দুই বছরের ওয়ারেন্টি।",
    ),
    "Rechargeable Table Fan 16 inch": (
        "A 16 inch table fan with a built-in battery that keeps running for hours during load-shedding.",
        "ব্যাটারিসহ ১৬ ইঞ্চি টেবিল ফ্যান; লোডশেডিংয়ের সময় কয়েক ঘণ্টা চলে।",
    ),
    "LED Bulb 12 W": (
        "A 12 watt LED bulb, as bright as a 100 W old bulb, with a B22 pin base.",
        "১২ ওয়াটের এলইডি বাল্ব, পুরোনো ১০০ ওয়াটের বাল্বের সমান আলো; বি২২ পিন লাগানো।",
    ),
    "Rechargeable LED Lamp": (
        "A rechargeable LED lamp for load-shedding evenings, up to 8 hours on one charge.",
        "লোডশেডিংয়ের সন্ধ্যার জন্য রিচার্জেবল এলইডি ল্যাম্প; একবার চার্জে ৮ ঘণ্টা পর্যন্ত জ্বলে।",
    ),
    "Power Bank 10000 mAh": (
        "A slim 10000 mAh power bank with fast charging and two USB ports.",
        "দ্রুত চার্জিং আর দুটি ইউএসবি পোর্টের পাতলা ১০০০০ এমএএইচ পাওয়ার ব্যাংক।",
    ),
    "Bluetooth Earbuds": (
        "Wireless Bluetooth 5.3 earbuds with a charging case, about 20 hours of music in all.",
        "চার্জিং কেসসহ ব্লুটুথ ৫.৩ ওয়্যারলেস ইয়ারবাড; সব মিলিয়ে প্রায় ২০ ঘণ্টা গান শোনা যায়।",
    ),
    "LED Television 32 inch": (
        "A 32 inch HD LED TV with HDMI and USB, and a built-in stabiliser for voltage swings.",
        "এইচডিএমআই ও ইউএসবিসহ ৩২ ইঞ্চি এইচডি এলইডি টিভি; ভোল্টেজ ওঠানামার জন্য ভেতরে স্টেবিলাইজার।",
    ),
    "Electric Kettle 1.8 L": (
        "A 1.8 litre stainless steel kettle that boils water for tea in about four minutes and switches "
        "itself off.",
        "১.৮ লিটারের স্টেইনলেস স্টিলের কেটলি; প্রায় চার মিনিটে চায়ের পানি ফোটায়, নিজেই বন্ধ হয়ে যায়।",
    ),
    "Rice Cooker 1.8 L": (
        "A 1.8 litre rice cooker for a family of four to five, with a steamer tray and keep-warm.",
        "চার-পাঁচজনের পরিবারের জন্য ১.৮ লিটারের রাইস কুকার; ভাপের ট্রে আর গরম রাখার সুবিধাসহ।",
    ),
    "Voltage Stabiliser": (
        "A 1000 VA automatic voltage stabiliser that protects a fridge or TV from low and high voltage.",
        "১০০০ ভিএ অটোমেটিক ভোল্টেজ স্টেবিলাইজার; ফ্রিজ বা টিভিকে কম-বেশি ভোল্টেজ থেকে রক্ষা করে।",
    ),
    "Multi-plug Extension Cord": (
        "A four-socket extension cord with a fuse and switch, and a 3 metre cable.",
        "ফিউজ ও সুইচসহ চার সকেটের এক্সটেনশন কর্ড, ৩ মিটার লম্বা তার।",
    ),
    # Home & Kitchen
    "Pressure Cooker 5 L": (
        "A 5 litre aluminium pressure cooker that cooks beef and dal in a third of the time.",
        "৫ লিটারের অ্যালুমিনিয়াম প্রেশার কুকার; গরুর মাংস আর ডাল রান্না হয় তিন ভাগের এক ভাগ সময়ে।",
    ),
    "Non-stick Frying Pan 24 cm": (
        "A 24 cm non-stick pan for eggs, paratha and shallow-fried fish with little oil.",
        "২৪ সেমির ননস্টিক ফ্রাইপ্যান; অল্প তেলে ডিম, পরোটা আর মাছ ভাজার জন্য।",
    ),
    "Steel Dinner Plates 6 pcs": (
        "Six stainless steel thalas that never break and last for years.",
        "ছয়টি স্টেইনলেস স্টিলের থালা; ভাঙে না, টেকে বহু বছর।",
    ),
    "Melamine Bowl Set": (
        "Six melamine bowls in two sizes for dal, curry and dessert.",
        "দুই মাপের ছয়টি মেলামাইনের বাটি; ডাল, তরকারি আর মিষ্টির জন্য।",
    ),
    "Boti Kitchen Cutter": (
        "A traditional boti with a wooden base, forged by blacksmiths, for cutting fish and vegetables on "
        "the floor.",
        "কামারের হাতে গড়া কাঠের পাটাতনের বঁটি; মেঝেতে বসে মাছ আর সবজি কাটার জন্য।",
    ),
    "Shil Pata Grinding Stone": (
        "A hand-chiselled stone shil and pata for grinding spices and bhorta the old way.",
        "হাতে খোদাই করা পাথরের শিল-পাটা; পুরোনো দিনের মতো মসলা আর ভর্তা বাটার জন্য।",
    ),
    "Double Mosquito Net": (
        "A fine-mesh double-bed mosquito net in soft nylon, for the monsoon and dengue season.",
        "নরম নাইলনের ঘন জালের ডাবল খাটের মশারি; বর্ষা আর ডেঙ্গুর মৌসুমের জন্য।",
    ),
    "Nakshi Kantha Bedcover": (
        "A hand-stitched nakshi kantha from Jamalpur, with the running-stitch pictures of village life.",
        "জামালপুরের হাতে সেলাই করা নকশি কাঁথা; ফোঁড়ে ফোঁড়ে আঁকা গ্রামবাংলার ছবি।",
    ),
    "Cotton Bedsheet Set": (
        "A double cotton bedsheet with two pillow covers, printed in Narayanganj.",
        "নারায়ণগঞ্জে ছাপা ডাবল সুতি বিছানার চাদর, সাথে দুটি বালিশের কভার।",
    ),
    "Plastic Bucket 20 L": (
        "A sturdy 20 litre plastic bucket with a lid and a steel handle.",
        "ঢাকনা আর স্টিলের হাতলসহ মজবুত ২০ লিটারের প্লাস্টিকের বালতি।",
    ),
    "Gamchha Towel 2 pcs": (
        "Two handwoven checked cotton gamchhas that dry fast in the humid weather.",
        "হাতে বোনা দুটি চেক সুতি গামছা; আর্দ্র আবহাওয়াতেও তাড়াতাড়ি শুকায়।",
    ),
    "Jute Doormat": (
        "A thick doormat woven from golden Bangladeshi jute.",
        "দেশের সোনালি পাট দিয়ে বোনা পুরু পাপোশ।",
    ),
    "Dishwashing Liquid 500 ml": (
        "Lemon dishwashing liquid that cuts through oily curry pots; a few drops are enough.",
        "লেবুর ঘ্রাণের ডিশওয়াশিং লিকুইড; তেলতেলে হাঁড়ি-পাতিল পরিষ্কার করে, কয়েক ফোঁটাই যথেষ্ট।",
    ),
    "Mosquito Coil 10 pcs": (
        "Ten mosquito coils, each burning about eight hours through the night.",
        "দশটি মশার কয়েল, প্রতিটি সারা রাত প্রায় আট ঘণ্টা জ্বলে।",
    ),
}
