"""What PrestaShop 8.1's own deletes remove, declared (:mod:`anycart.platforms.bridge.cascade`):
``Product::delete``, ``Category::delete``, ``Customer::delete`` and the ``CartRule`` clean-ups
they run. Values: ``id`` the entity (``ids`` a category and its subtree), ``kind`` the cart
rules' item type."""

from __future__ import annotations

from anycart.platforms.bridge.cascade import Cascade, Step

#: CartRule::cleanProductRuleIntegrity: a deleted product or category leaves the product rules
#: of cart rules, and rules and groups left empty go.
CART_RULE_INTEGRITY = Cascade(
    Step(("cart_rule_product_rule_value",), "id_item IN (??) AND id_product_rule IN (SELECT"
         " r.id_product_rule FROM {p}cart_rule_product_rule r WHERE r.type = :kind)", "ids"),
    Step(("cart_rule_product_rule",), "NOT EXISTS (SELECT 1 FROM {p}cart_rule_product_rule_value v"
         " WHERE v.id_product_rule = {p}cart_rule_product_rule.id_product_rule)", None),
    Step(("cart_rule_product_rule_group",), "NOT EXISTS (SELECT 1 FROM {p}cart_rule_product_rule r"
         " WHERE r.id_product_rule_group = {p}cart_rule_product_rule_group.id_product_rule_group)",
         None))

#: Product::delete: shop and language rows, stock, combinations (Combination::delete), images
#: (Image::delete; the files follow), category links, features and their custom values, tags
#: (and tags no product carries any more), cart lines, attachment links, customization
#: fields, specific prices, packs, sales, search index, accessories both ways, carrier and
#: supplier links, the download, the group reduction cache and the cart rules' product rules.
PRODUCT = Cascade(
    Step(("image_lang", "product_attribute_image"), "id_image IN (??)", "images"),
    Step(("product_attribute_combination", "product_attribute_lang", "product_attribute_image"),
         "id_product_attribute IN (??)", "combinations"),
    # custom feature values belong to this product alone (Product::deleteFeatures)
    Step(("feature_value_lang",), "id_feature_value IN (SELECT fp.id_feature_value FROM"
         " {p}feature_product fp JOIN {p}feature_value fv ON fv.id_feature_value ="
         " fp.id_feature_value WHERE fp.id_product = ? AND fv.custom = 1)"),
    Step(("feature_value",), "custom = 1 AND id_feature_value IN (SELECT fp.id_feature_value"
         " FROM {p}feature_product fp WHERE fp.id_product = ?)"),
    Step(("customization_field_lang",), "id_customization_field IN (SELECT"
         " cf.id_customization_field FROM {p}customization_field cf WHERE cf.id_product = ?)"),
    Step(("category_product", "stock_available", "product_lang", "product_shop", "image_shop",
          "image", "product_attribute_shop", "product_attribute", "product_group_reduction_cache",
          "feature_product", "product_tag", "cart_product", "product_attachment",
          "customization_field", "specific_price", "product_sale", "search_index",
          "product_carrier", "product_supplier", "product_download"), "id_product = ?"),
    # Tag::deleteTagsForProduct drops the tags no product carries any more
    Step(("tag",), "NOT EXISTS (SELECT 1 FROM {p}product_tag pt WHERE pt.id_tag = {p}tag.id_tag)",
         None),
    Step(("pack",), "id_product_pack = ? OR id_product_item = ?"),
    Step(("accessory",), "id_product_1 = ? OR id_product_2 = ?"),
    CART_RULE_INTEGRITY,
    Step(("product",), "id_product = ?"),
    collect={"images": "SELECT id_image FROM {p}image WHERE id_product = :id",
             "combinations": "SELECT id_product_attribute FROM {p}product_attribute"
                             " WHERE id_product = :id"})

#: Category::delete of a category and its subtree (``ids``): language, shop, group and product
#: links, group reductions, the cart rules' category rules.
CATEGORY = Cascade(
    Step(("category_lang", "category_shop", "category_group", "category_product",
          "group_reduction", "category"), "id_category IN (??)", "ids"),
    CART_RULE_INTEGRITY)

#: CartRule::delete of the rules ``rules``: language, shop, restrictions, combinations,
#: product rules and cart rows.
CART_RULE = Cascade(
    Step(("cart_rule_product_rule_value",), "id_product_rule IN (SELECT r.id_product_rule FROM"
         " {p}cart_rule_product_rule r JOIN {p}cart_rule_product_rule_group g ON"
         " g.id_product_rule_group = r.id_product_rule_group WHERE g.id_cart_rule IN (??))", "rules"),
    Step(("cart_rule_product_rule",), "id_product_rule_group IN (SELECT g.id_product_rule_group"
         " FROM {p}cart_rule_product_rule_group g WHERE g.id_cart_rule IN (??))", "rules"),
    Step(("cart_rule_combination",), "id_cart_rule_1 IN (??) OR id_cart_rule_2 IN (??)", "rules"),
    Step(("cart_rule_product_rule_group", "cart_rule_lang", "cart_rule_shop", "cart_rule_group",
          "cart_rule_country", "cart_rule_carrier", "cart_cart_rule", "cart_rule"),
         "id_cart_rule IN (??)", "rules"))

#: Customer::delete of a customer without orders: carts and their lines, customer service
#: threads and messages, groups, messages, specific prices, addresses and the cart rules made
#: for the customer.
CUSTOMER = Cascade(
    Step(("cart_product", "cart_cart_rule"), "id_cart IN (SELECT c.id_cart FROM {p}cart c WHERE"
         " c.id_customer = ?)"),
    Step(("customer_message",), "id_customer_thread IN (SELECT t.id_customer_thread FROM"
         " {p}customer_thread t WHERE t.id_customer = ?)"),
    Step(("cart", "customer_thread", "customer_group", "message", "specific_price", "address"),
         "id_customer = ?"),
    CART_RULE,
    Step(("customer",), "id_customer = ?"),
    collect={"rules": "SELECT id_cart_rule FROM {p}cart_rule WHERE id_customer = :id"})

#: Image::delete: the image's rows (its file is the caller's).
IMAGE = Cascade(Step(("image_lang", "image_shop", "product_attribute_image", "image"), "id_image = ?"))

CASCADES = (PRODUCT, CATEGORY, CUSTOMER, IMAGE)
