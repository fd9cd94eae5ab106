package io.taleforge.film.service;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import jakarta.enterprise.context.ApplicationScoped;

import io.taleforge.commons.cost.RateTable;
import io.taleforge.film.client.FilmReservation;
import io.taleforge.film.provider.ClipProvider;
import io.taleforge.film.provider.ClipProviders;
import io.taleforge.film.provider.ClipTask;
import io.taleforge.film.voice.VoiceProvider;
import io.taleforge.film.voice.Voices;

/**
 * What the film's paid calls cost, from the rate table: a clip by the seconds asked for (the
 * estimate) and by the units the provider billed when it says (Kling's
 * {@code final_unit_deduction}), a narration by its characters. An unpriced clip provider or voice
 * throws {@link UnpricedException} naming the table, so the call is refused before it is made.
 */
@ApplicationScoped
public class FilmCosts {

    private final RateTable rates;
    private final ClipProviders clips;
    private final Voices voices;

    public FilmCosts(RateTable rates, ClipProviders clips, Voices voices) {
        this.rates = rates;
        this.clips = clips;
        this.voices = voices;
    }

    /** One clip of the selected provider, by the seconds it is asked for. */
    public BigDecimal clip() {
        ClipProvider provider = clips.selected();
        return rates.video(provider.name(), provider.model(), provider.seconds());
    }

    /** {@code characters} read aloud by the selected voice. */
    public BigDecimal narration(int characters) {
        VoiceProvider voice = voices.selected();
        return rates.speech(voice.name(), voice.model(), characters);
    }

    /** What a finished task cost by the units its provider billed, when it says and the table prices units; else null. */
    public BigDecimal billed(ClipTask task) {
        if (task.units() == null) {
            return null;
        }
        ClipProvider provider = clips.selected();
        return rates.find(provider.name(), provider.model()).flatMap(rate -> rate.units(task.units())).orElse(null);
    }

    /** The film's first attempts: a clip and a narration (its text's characters) per scene of {@code texts}. */
    public List<FilmReservation.Item> film(Map<Integer, String> texts) {
        Map<Integer, Integer> first = new TreeMap<>();
        texts.keySet().forEach(scene -> first.put(scene, 1));
        return attempts(first, first, texts);
    }

    /**
     * Clip attempts ({@code clips}: scene → attempt) and narration attempts ({@code narrations}),
     * a narration by the characters of its scene's text in {@code texts}; the clip provider is
     * priced only when a clip is among them.
     */
    public List<FilmReservation.Item> attempts(Map<Integer, Integer> clips, Map<Integer, Integer> narrations,
            Map<Integer, String> texts) {
        List<FilmReservation.Item> items = new ArrayList<>();
        BigDecimal clip = clips.isEmpty() ? BigDecimal.ZERO : clip();
        clips.forEach((scene, attempt) -> items.add(new FilmReservation.Item(FilmReservation.Kind.CLIP, scene, attempt,
                clip)));
        narrations.forEach((scene, attempt) -> {
            String text = texts.get(scene);
            items.add(new FilmReservation.Item(FilmReservation.Kind.NARRATION, scene, attempt,
                    narration(text == null ? 0 : text.strip().length())));
        });
        return items;
    }

    /** The sum of {@code items}. */
    public static BigDecimal total(List<FilmReservation.Item> items) {
        return items.stream().map(FilmReservation.Item::estimateUsd).reduce(BigDecimal.ZERO, BigDecimal::add);
    }
}
