package io.taleforge.story.provider;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.smallrye.common.annotation.Identifier;
import io.taleforge.commons.http.Backoff;
import io.taleforge.story.config.StoryConfig;

/**
 * The embedded story writer: fills the 20-scene power-fantasy arc from the answers with fixed
 * templates. No network, no key, no randomness: the same answers always give the same story.
 * Every scene names the hero; each stage has its own wording; no two scenes are the same.
 */
@ApplicationScoped
@Identifier(TemplateStoryWriter.PROVIDER)
public class TemplateStoryWriter implements StoryWriter {

    public static final String PROVIDER = "template";
    public static final String MODEL = "template-v1";

    /** A setting: its proper name, a landmark, and what it looks like. */
    record Place(String name, String landmark, String look) {
    }

    /** The discovery follow-up: what is found, how it is named later, practised and shown, and the title's words. */
    record Gift(String found, String name, String practice, String display, String titleWords) {
    }

    /** The antagonist: who (first mention, later mentions), what they do, how it ends. */
    record Foe(String name, String shortName, String deed, String redemption) {
    }

    static final Map<String, Place> PLACES = Map.of(
            "enchanted_forest", new Place("the Enchanted Forest", "the Great Oak", "mossy roots and glowing mushrooms"),
            "floating_islands", new Place("the Floating Islands", "the Sky Harbor", "drifting islands joined by rope bridges"),
            "underwater_city", new Place("the sunken city of Coralreach", "the Coral Palace", "coral towers and lantern jellyfish"),
            "snowy_mountains", new Place("the Snowy Peaks", "the Frost Lodge", "pine slopes under deep, sparkling snow"),
            "desert_kingdom", new Place("the Desert Kingdom", "the Oasis Gate", "golden dunes and striped silk tents"),
            "clockwork_city", new Place("Clockwork City", "the Great Clock Tower", "brass gears and ticking towers"));

    static final Map<String, String> REASONS = Map.of(
            "too_small", "was the smallest creature around",
            "too_slow", "was always the last to arrive",
            "different", "looked different from everyone else",
            "clumsy", "tripped over everything",
            "newcomer", "had only just moved there");

    static final Map<String, String> TAUNTS = Map.of(
            "too_small", "Too tiny to matter!",
            "too_slow", "Hurry up, slowpoke!",
            "different", "You don't look like one of us!",
            "clumsy", "Watch out, here comes Butterpaws!",
            "newcomer", "Nobody here even knows you!");

    static final Map<String, Gift> GIFTS = Map.ofEntries(
            Map.entry("wind", new Gift("a whirl of silver leaves that woke the power to call the wind",
                    "the power of the wind", "practising small breezes, then steady gusts",
                    "called up a great warm wind that lifted every kite in the sky at once", "the Wind")),
            Map.entry("light", new Gift("a warm glow rising from deep inside, the power to shine",
                    "the inner light", "practising to make the glow brighter and steadier",
                    "lit up the whole sky like a second sunrise", "the Inner Light")),
            Map.entry("growth", new Gift("a seed that sprouted at a single touch, the power to make plants grow",
                    "the growing power", "practising on tiny sprouts, then on whole trees",
                    "raised a bridge of living vines in a heartbeat", "the Growing Seed")),
            Map.entry("speed", new Gift("a crackle of thunder in the paws, the power to run faster than thunder",
                    "the thunder speed", "practising races against the clouds from dawn to dusk",
                    "crossed the valley and back before a single leaf could fall", "the Thunder Speed")),
            Map.entry("voice", new Gift("a song that rose from nowhere and made the wild wind fall quiet",
                    "the calming song", "practising the song softly, then strong and clear",
                    "sang a melody that turned a thundercloud into a gentle drizzle", "the Calming Song")),
            Map.entry("map", new Gift("a dusty map that redrew itself with every step",
                    "the living map", "practising to read the map's shifting lines",
                    "followed the living map through a maze nobody had ever solved", "the Living Map")),
            Map.entry("lantern", new Gift("an old lantern whose flame never went out",
                    "the everlasting lantern", "practising to shape the lantern's beam",
                    "raised the everlasting lantern and chased the gloom from every corner", "the Everlasting Lantern")),
            Map.entry("feather", new Gift("a shimmering feather that made its bearer float",
                    "the flying feather", "practising hops, then glides, then real flight",
                    "soared above the rooftops in a wide, graceful circle", "the Flying Feather")),
            Map.entry("compass", new Gift("a brass compass that pointed to whatever was needed most",
                    "the wise compass", "practising to trust the needle even when it seemed wrong",
                    "found every lost traveller by following the wise compass", "the Wise Compass")),
            Map.entry("flute", new Gift("a wooden flute whose songs could move stones",
                    "the stone-moving flute", "practising tunes until the pebbles danced",
                    "played a tune that rolled a fallen boulder off the mountain road", "the Stone-Moving Flute")),
            Map.entry("tortoise", new Gift("an ancient tortoise named Sage who had been waiting for a student",
                    "Sage's patient teaching", "practising with Sage at every sunrise",
                    "untangled a problem nobody else could, with Sage's patient wisdom", "Sage the Tortoise")),
            Map.entry("bear", new Gift("a retired champion bear named Bruna who saw something special",
                    "Bruna's champion coaching", "practising Bruna's drills until sunset",
                    "won the great relay with Bruna's champion grace", "Bruna the Bear")),
            Map.entry("dragon", new Gift("a tiny dragon named Ember who loved to teach",
                    "Ember's spark of courage", "practising Ember's tricks of bright courage",
                    "rode across the sky on Ember's back in a shower of golden sparks", "Ember the Dragon")),
            Map.entry("crane", new Gift("a dancing crane named Mei with the lightest steps in the world",
                    "Mei's dance of balance", "practising Mei's steps until balance came easily",
                    "danced along a narrow ledge with perfect balance to bring a stranded kit home", "Mei the Crane")));

    static final Map<String, String> TOO_SOON = Map.of(
            "power", "tried to use the new power far too soon",
            "object", "tried to use the new treasure far too soon",
            "mentor", "tried to show off the very first lesson far too soon");

    static final Map<String, Foe> FOES = Map.of(
            "crow_king", new Foe("the greedy Crow King", "the Crow King", "snatched every shiny thing in sight, even the lamps",
                    "the Crow King gave back every treasure and asked to be forgiven"),
            "bully_bear", new Foe("a boastful bear named Brutus", "Brutus", "bossed everyone around and blocked the only bridge",
                    "Brutus stepped aside and, for the very first time, said sorry"),
            "storm_spirit", new Foe("a restless Storm Spirit", "the Storm Spirit", "swirled angry clouds until nobody dared go outside",
                    "the Storm Spirit calmed into a soft rain and painted a rainbow"),
            "shadow_beast", new Foe("the Shadow Beast", "the Shadow Beast", "spread a cold, creeping darkness over every home",
                    "the Shadow Beast shrank into a small, lonely shadow that only wanted a friend"),
            "rival", new Foe("a sly rival named Vex", "Vex", "played tricks that turned neighbours against each other",
                    "Vex owned up to every trick and offered a paw to shake"));

    static final Map<String, String> ENDINGS = Map.of(
            "heartwarming", "{name} looked around at all the new friends and knew, at last, that {place} was home. "
                    + "Being a {trait} {species} had been a gift all along.",
            "triumphant", "Crowds cheered as {name} was named Guardian of {place}, the very title everyone "
                    + "once said a {species} like that could never earn.",
            "funny", "At the victory feast {name} stood up for a grand speech, sneezed, and blew every hat in "
                    + "{place} off; the laughter lasted until morning.",
            "bittersweet", "As the sun went down over {place}, {name} waved goodbye to the old days and walked "
                    + "home, still a small {species}, but bigger than ever inside.");

    private static final List<String> SCENES = List.of(
            // 1-4 underdog
            "In {place}, among {look}, lived {name}, a {trait} little {species} who dreamed of joining the Guardians of {place}.",
            "At the tryouts by {landmark}, the others laughed at {name}, because {name} {reason}. \"{taunt}\" they called.",
            "{name} walked home alone under a grey sky, ears low, while the others played together without looking back.",
            "That night {name} sat by the window with a tear on one cheek, wondering whether a {species} could ever matter.",
            // 5-6 discovery
            "The next morning, wandering far beyond {landmark}, {name} discovered {found}.",
            "{name}'s heart raced: nothing in {place} would ever look the same now that {gift} had come into {name}'s life.",
            // 7-8 first failure
            "Eager to prove the others wrong, {name} {tooSoon} in front of everyone at {landmark}, but it all went wrong "
                    + "and the laughter grew louder than ever.",
            "Then {foe} swept into {place} and {deed}. {name} tried to stand in the way, stumbled, and had to turn back.",
            // 9-10 training
            "{name} did not give up. Day after day, {name} kept {practice}, falling down and getting up again.",
            "Through rain, wind and long evenings, {name} trained harder than anyone in {place}, and the {trait} "
                    + "{species} grew stronger and surer.",
            // 11-12 transformation
            "One morning {name} woke up changed: steady steps, bright eyes and a calm, fearless heart.",
            "Looking into a still pond, {name} barely recognised the {species} looking back: taller somehow, and "
                    + "glowing with quiet confidence.",
            // 13-14 display of power
            "At the festival by {landmark}, {name} {display}, and the whole crowd fell silent in wonder.",
            "The same animals who once laughed at {name} now stared with open mouths, and a few began to cheer for the "
                    + "little {species}.",
            // 15-19 challenge, justice, redemption
            "But the cheering stopped for {name} when {foeAgain} came back, bigger and bolder than before, and {deed}.",
            "The Guardians of {place} hid in fear, and everyone turned to {name}, the {species} they had once left out.",
            "{name} stepped forward alone, remembered every fall and every lesson, and stood up to {foeAgain} with {gift}.",
            "It was the hardest moment of all: {name} was pushed back again and again, but kept standing, braver with "
                    + "every breath.",
            "At last {redemption}, and {name} offered friendship instead of anger, so that justice felt like kindness.",
            // 20 triumph
            "{ending}");

    private final Duration pace;

    /** A writer that tells all its scenes at once. */
    public TemplateStoryWriter() {
        this(Duration.ZERO);
    }

    @Inject
    public TemplateStoryWriter(StoryConfig config) {
        this(config.writer().scenePace());
    }

    TemplateStoryWriter(Duration pace) {
        this.pace = pace;
    }

    @Override
    public String provider() {
        return PROVIDER;
    }

    @Override
    public String model() {
        return MODEL;
    }

    @Override
    public WrittenStory write(StoryBrief brief) {
        Map<String, String> words = words(brief);
        List<WrittenScene> scenes = new ArrayList<>();
        for (int i = 0; i < SCENES.size(); i++) {
            String text = fill(SCENES.get(i), words);
            if (i == SCENES.size() - 1 && brief.wish() != null && !brief.wish().isBlank()) {
                text = text + " One more thing made the day perfect: " + stripEnd(brief.wish()) + ".";
            }
            scenes.add(new WrittenScene(i + 1, capitalize(text)));
        }
        String title = brief.name() + " and " + GIFTS.get(brief.discoveryDetail().value()).titleWords();
        return new WrittenStory(title, scenes);
    }

    /** Tells the scenes one by one, {@code writer.scene-pace} apart (none by default). */
    @Override
    public WrittenStory write(StoryBrief brief, SceneListener listener) {
        WrittenStory written = write(brief);
        for (WrittenScene scene : written.scenes()) {
            listener.arriving();
            if (!pace.isZero() && !Backoff.pause(pace)) {
                throw new IllegalStateException("interrupted while writing scene " + scene.number());
            }
            listener.written(scene);
        }
        return written;
    }

    /** Appends the reader's feedback as a constraint; sheet and style stay as they are. */
    @Override
    public String revisePrompt(PromptRevision request) {
        if (request.feedback() == null || request.feedback().isBlank()) {
            return request.currentPrompt();
        }
        String constraint = "Reader's request for this picture: " + stripEnd(request.feedback().strip()) + ".";
        if (request.currentPrompt().contains(constraint)) {
            return request.currentPrompt();
        }
        return request.currentPrompt() + " " + constraint;
    }

    static Map<String, String> words(StoryBrief brief) {
        Place place = PLACES.get(brief.setting().value());
        Gift gift = GIFTS.get(brief.discoveryDetail().value());
        Foe foe = FOES.get(brief.antagonist().value());
        Map<String, String> words = new java.util.HashMap<>();
        words.put("name", brief.name());
        words.put("species", brief.species().label().toLowerCase());
        words.put("trait", brief.trait().label().toLowerCase());
        words.put("place", place.name());
        words.put("landmark", place.landmark());
        words.put("look", place.look());
        words.put("reason", REASONS.get(brief.rejection().value()));
        words.put("taunt", TAUNTS.get(brief.rejection().value()));
        words.put("found", gift.found());
        words.put("gift", gift.name());
        words.put("practice", gift.practice());
        words.put("display", gift.display());
        words.put("tooSoon", TOO_SOON.get(brief.discovery().value()));
        words.put("foe", foe.name());
        words.put("foeAgain", foe.shortName());
        words.put("deed", foe.deed());
        words.put("redemption", foe.redemption());
        words.put("ending", fill(ENDINGS.get(brief.ending().value()), words));
        return words;
    }

    static String fill(String template, Map<String, String> words) {
        String out = template;
        for (Map.Entry<String, String> word : words.entrySet()) {
            out = out.replace("{" + word.getKey() + "}", word.getValue());
        }
        return out;
    }

    private static String capitalize(String text) {
        return text.isEmpty() ? text : Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }

    private static String stripEnd(String text) {
        return text.replaceAll("[.!?\\s]+$", "");
    }
}
